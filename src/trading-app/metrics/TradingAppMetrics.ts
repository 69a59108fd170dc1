import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';

/** What the worker sent: the three signed endpoints. */
export type SignalKind = 'balance' | 'order' | 'callback';
/** How the app answered it: stored (202), duplicate (202, already stored), invalid (400), auth_failed (401), error (500). */
export type SignalOutcome = 'stored' | 'duplicate' | 'invalid' | 'auth_failed' | 'error';

/**
 * The app's Prometheus metrics on a Registry of its own, not prom-client's global one: two apps in
 * one process (the tests) must not share counters, and nothing else in the process leaks into
 * `/metrics`.
 */
export class TradingAppMetrics {
  readonly #registry = new Registry();
  readonly #signals: Counter<'kind' | 'outcome'>;
  readonly #signatureFailures: Counter<'reason'>;
  readonly #requestDuration: Histogram<'method' | 'route' | 'status_code'>;

  constructor(options: { processMetrics?: boolean } = {}) {
    this.#signals = new Counter({
      name: 'trading_app_signals_received_total',
      help: 'Signed signals and callbacks received from the ws-worker, by kind and outcome.',
      labelNames: ['kind', 'outcome'],
      registers: [this.#registry],
    });
    this.#signatureFailures = new Counter({
      name: 'trading_app_signature_failures_total',
      help: 'Requests refused because the worker signature headers were missing, stale or wrong.',
      labelNames: ['reason'],
      registers: [this.#registry],
    });
    this.#requestDuration = new Histogram({
      name: 'trading_app_http_request_duration_seconds',
      help: 'HTTP request latency by route template (unknown paths are grouped as "unmatched").',
      labelNames: ['method', 'route', 'status_code'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [this.#registry],
    });
    // Process metrics (memory, event-loop lag, handles) for the live process; tests leave them off.
    if (options.processMetrics) collectDefaultMetrics({ register: this.#registry });
  }

  signalReceived(kind: SignalKind, outcome: SignalOutcome): void {
    this.#signals.inc({ kind, outcome });
  }

  signatureFailed(reason: string): void {
    this.#signatureFailures.inc({ reason });
  }

  requestObserved(labels: { method: string; route: string; statusCode: number }, seconds: number): void {
    this.#requestDuration.observe(
      { method: labels.method, route: labels.route, status_code: String(labels.statusCode) },
      seconds,
    );
  }

  get contentType(): string {
    return this.#registry.contentType;
  }

  render(): Promise<string> {
    return this.#registry.metrics();
  }
}
