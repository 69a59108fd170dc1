import { mkdir } from 'node:fs/promises';
import { Agent, type Dispatcher } from 'undici';
import type { TimerHandle } from '../../../platform/clock/index.ts';
import type { SignalOutboxOptions } from '../createSignalOutbox.ts';
import type { DurableOutboxStatus, DurableSignalOutbox, OutgoingSignal } from '../SignalOutbox.ts';
import { delayBeforeAttemptMs, UNAUTHORIZED_STATUS } from './deliveryPolicy.ts';
import { FailureLog, failureLogLine } from './FailureLog.ts';
import { normalisePayload } from './normaliseSignal.ts';
import type { SignalStorage } from './SignalStorage.ts';
import type { StoredSignal } from './SignalStore.ts';
import { type AttemptOutcome, sendSignal } from './sendSignal.ts';

/** The options, validated and with every default applied. */
export type FileSignalOutboxSettings = Required<Omit<SignalOutboxOptions, 'dispatcher' | 'storage'>> &
  Pick<SignalOutboxOptions, 'dispatcher'>;

interface Pending {
  stored: StoredSignal;
  /** False while its file is being written: a lane never sends what a crash could still lose. */
  durable: boolean;
}

/** The signals of one ordering key, delivered strictly one after the other. */
interface Lane {
  readonly key: string;
  readonly queue: Pending[];
  busy: boolean;
  timer: TimerHandle | undefined;
}

interface Running {
  readonly agent: Dispatcher;
  /** Aborted by `stop()`: cuts in-flight requests short. */
  readonly stop: AbortController;
}

/** Attempt bookkeeping that failed on disk (full, read-only) is retried after this long. */
const DISK_ERROR_RETRY_MS = 5_000;

export class FileSignalOutbox implements DurableSignalOutbox {
  readonly #settings: FileSignalOutboxSettings;
  readonly #store: SignalStorage;
  readonly #failureLog = new FailureLog();
  readonly #lanes = new Map<string, Lane>();
  readonly #traceIds = new Set<string>();
  readonly #inFlight = new Set<Promise<void>>();
  #idleWaiters: (() => void)[] = [];
  #loading: Promise<void> | undefined;
  #nextSeq = 0;
  #running: Running | undefined;
  #delivered = 0;
  #failed = 0;
  #authFailures = 0;
  /** True from a 401 until the app answers anything else: one alert per streak, not per attempt. */
  #refusingSignature = false;

  constructor(settings: FileSignalOutboxSettings, store: SignalStorage) {
    this.#settings = settings;
    this.#store = store;
  }

  async enqueue(signal: OutgoingSignal): Promise<void> {
    const payload = normalisePayload(signal);
    await this.#load();
    // A replayed exchange event yields the same trace_id: the copy already waiting is enough.
    if (this.#traceIds.has(signal.traceId)) return;
    const stored: StoredSignal = {
      version: 1,
      seq: this.#nextSeq++,
      kind: signal.kind,
      url: signal.url,
      orderingKey: signal.orderingKey,
      traceId: signal.traceId,
      payload,
      attempts: 0,
      nextAttemptAt: 0,
      enqueuedAt: this.#settings.clock.now(),
    };
    // Queued before the write so that a later enqueue with the same key cannot overtake it.
    const pending: Pending = { stored, durable: false };
    const lane = this.#laneFor(signal.orderingKey);
    lane.queue.push(pending);
    this.#traceIds.add(signal.traceId);
    try {
      await this.#store.create(stored);
    } catch (error) {
      lane.queue.splice(lane.queue.indexOf(pending), 1);
      this.#traceIds.delete(signal.traceId);
      this.#pump(lane);
      throw error;
    }
    pending.durable = true;
    this.#pump(lane);
  }

  async start(): Promise<void> {
    await this.#load();
    if (this.#running) return;
    this.#running = {
      agent: this.#settings.dispatcher ?? new Agent({ keepAliveTimeout: 10_000 }),
      stop: new AbortController(),
    };
    for (const lane of [...this.#lanes.values()]) this.#pump(lane);
  }

  async stop(): Promise<void> {
    const running = this.#running;
    if (!running) return;
    this.#running = undefined;
    for (const lane of this.#lanes.values()) {
      this.#settings.clock.clearTimer(lane.timer);
      lane.timer = undefined;
    }
    running.stop.abort();
    await Promise.allSettled([...this.#inFlight]);
    // A given transport is the caller's: a later start() sends through it again.
    if (!this.#settings.dispatcher) await running.agent.destroy();
  }

  status(): DurableOutboxStatus {
    let depth = 0;
    let waitingForRetry = 0;
    for (const lane of this.#lanes.values()) {
      depth += lane.queue.length;
      if (lane.timer) waitingForRetry += 1;
    }
    return {
      depth,
      delivered: this.#delivered,
      failed: this.#failed,
      authFailures: this.#authFailures,
      inFlight: this.#inFlight.size,
      waitingForRetry,
    };
  }

  whenIdle(): Promise<void> {
    if (this.status().depth === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  #load(): Promise<void> {
    this.#loading ??= this.#loadFromDisk();
    return this.#loading;
  }

  async #loadFromDisk(): Promise<void> {
    await mkdir(this.#settings.directory, { recursive: true, mode: 0o750 });
    const { signals, removedTemporaries, quarantined } = await this.#store.load();
    if (removedTemporaries > 0 || quarantined.length > 0) {
      this.#settings.logger.warn(
        { directory: this.#settings.directory, removedTemporaries, quarantined },
        'signal outbox cleaned up after an interrupted run',
      );
    }
    for (const stored of signals) {
      this.#laneFor(stored.orderingKey).queue.push({ stored, durable: true });
      this.#traceIds.add(stored.traceId);
      this.#nextSeq = Math.max(this.#nextSeq, stored.seq + 1);
    }
    if (signals.length > 0) {
      this.#settings.logger.info({ pending: signals.length }, 'signal outbox resumes signals left by a previous run');
    }
  }

  #laneFor(key: string): Lane {
    let lane = this.#lanes.get(key);
    if (!lane) {
      lane = { key, queue: [], busy: false, timer: undefined };
      this.#lanes.set(key, lane);
    }
    return lane;
  }

  /** Starts the lane's next attempt if it is due, or arms a timer for when it will be. */
  #pump(lane: Lane): void {
    const head = lane.queue[0];
    if (!head) {
      if (!lane.busy && !lane.timer && this.#lanes.get(lane.key) === lane) this.#lanes.delete(lane.key);
      this.#notifyIfIdle();
      return;
    }
    const running = this.#running;
    if (!running || lane.busy || lane.timer || !head.durable) return;
    const { clock } = this.#settings;
    const wait = head.stored.nextAttemptAt - clock.now();
    if (wait > 0) {
      lane.timer = clock.setTimeout(() => {
        lane.timer = undefined;
        this.#pump(lane);
      }, wait);
      return;
    }
    lane.busy = true;
    const work: Promise<void> = this.#attempt(lane, head, running)
      .catch((error: unknown) => {
        this.#settings.logger.error({ err: error, traceId: head.stored.traceId }, 'signal outbox bookkeeping failed');
        head.stored = { ...head.stored, nextAttemptAt: clock.now() + DISK_ERROR_RETRY_MS };
      })
      .finally(() => {
        lane.busy = false;
        this.#inFlight.delete(work);
        this.#pump(lane);
      });
    this.#inFlight.add(work);
  }

  async #attempt(lane: Lane, head: Pending, running: Running): Promise<void> {
    const { clock, sharedSecret, requestTimeoutMs } = this.#settings;
    const stored = head.stored;
    const outcome = await sendSignal(
      { url: stored.url, payload: stored.payload, attempt: stored.attempts },
      { clock, dispatcher: running.agent, sharedSecret, timeoutMs: requestTimeoutMs, stopSignal: running.stop.signal },
    );
    if (outcome.result === 'stopped') return;
    this.#watchSignature(outcome.statusCode, stored.url);
    if (outcome.result === 'delivered') {
      await this.#store.remove(stored);
      this.#settled(lane, head);
      this.#delivered += 1;
      this.#settings.logger.debug({ traceId: stored.traceId, attempt: stored.attempts }, 'signal delivered');
      return;
    }
    await this.#afterFailure(lane, head, outcome);
  }

  async #afterFailure(
    lane: Lane,
    head: Pending,
    outcome: Extract<AttemptOutcome, { response: string }>,
  ): Promise<void> {
    const { clock, maxRetries, backoffSeconds, logger } = this.#settings;
    const stored = head.stored;
    const context = { traceId: stored.traceId, kind: stored.kind, url: stored.url, attempt: stored.attempts };
    if (outcome.result === 'refused') return this.#fail(lane, head, outcome.statusCode, outcome.response);
    const next = stored.attempts + 1;
    if (next > maxRetries) {
      logger.warn(
        { ...context, statusCode: outcome.statusCode, response: outcome.response },
        'signal retries exhausted',
      );
      return this.#fail(lane, head, outcome.statusCode, 'max_retries_reached');
    }
    const updated = {
      ...stored,
      attempts: next,
      nextAttemptAt: clock.now() + delayBeforeAttemptMs(next, backoffSeconds),
    };
    await this.#store.update(updated);
    head.stored = updated;
    logger.warn(
      { ...context, statusCode: outcome.statusCode, response: outcome.response, retryAt: updated.nextAttemptAt },
      'signal delivery failed, will retry',
    );
  }

  async #fail(lane: Lane, head: Pending, statusCode: number, response: string): Promise<void> {
    const stored = head.stored;
    const line = failureLogLine(stored, statusCode, response, this.#settings.clock.now());
    await this.#failureLog.append(this.#settings.failureLogs[stored.kind], line);
    await this.#store.remove(stored);
    this.#settled(lane, head);
    this.#failed += 1;
    this.#settings.logger.error(
      { traceId: stored.traceId, kind: stored.kind, statusCode, response, attempts: stored.attempts + 1 },
      'signal written to the failure log',
    );
  }

  /** Counts 401s and says once per streak what is most likely wrong, for the operator to fix. */
  #watchSignature(statusCode: number, url: string): void {
    if (statusCode !== UNAUTHORIZED_STATUS) {
      if (statusCode !== 0) this.#refusingSignature = false;
      return;
    }
    this.#authFailures += 1;
    if (this.#refusingSignature) return;
    this.#refusingSignature = true;
    this.#settings.logger.error(
      { url, statusCode },
      'the trading-app refused the signature (401): TRADING_APP_SHARED_SECRET differs from the app’s WS_WORKER_SHARED_SECRET, or the two clocks are more than 60 s apart; signals are kept and retried',
    );
  }

  #settled(lane: Lane, head: Pending): void {
    lane.queue.splice(lane.queue.indexOf(head), 1);
    this.#traceIds.delete(head.stored.traceId);
  }

  #notifyIfIdle(): void {
    if (this.#idleWaiters.length === 0 || this.status().depth > 0) return;
    const waiters = this.#idleWaiters;
    this.#idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}
