import { AppUnreachableError, getData } from '../api/http.ts';
import type { Health, Position, RunSummary } from '../api/types.ts';

/**
 * How the page hears of changes: `live` over the server's event stream (SSE), `polling` when the app
 * serves no stream (the page asks every second), `reconnecting` while the app does not answer (a
 * restart): EventSource retries by itself, polling keeps asking.
 */
export type Connection = 'connecting' | 'live' | 'polling' | 'reconnecting';

export interface LiveState {
  readonly connection: Connection;
  /** null until the first answer. */
  readonly positions: readonly Position[] | null;
  /** Why there are no positions to show (the route is missing, or failed), else null. */
  readonly positionsError: string | null;
  readonly health: Health | null;
  readonly healthError: string | null;
  /** Bumped on each `trade`, `run` and `audit` event: views that list them read again. */
  readonly revisions: { readonly trade: number; readonly run: number; readonly audit: number };
  readonly runs: readonly RunSummary[];
  /** When the last positions arrived (ms, the browser's clock). */
  readonly positionsAt: number | null;
}

const POLL_MS = 1_000;
/** While polling, try the event stream again every so often: the app may have been upgraded. */
const STREAM_RETRY_MS = 15_000;
const KEPT_RUNS = 50;

type Listener = (state: LiveState) => void;

export class LiveFeed {
  #state: LiveState = {
    connection: 'connecting',
    positions: null,
    positionsError: null,
    health: null,
    healthError: null,
    revisions: { trade: 0, run: 0, audit: 0 },
    runs: [],
    positionsAt: null,
  };
  readonly #listeners = new Set<Listener>();
  #source: EventSource | undefined;
  #pollTimer: number | undefined;
  #streamRetryTimer: number | undefined;

  get state(): LiveState {
    return this.#state;
  }

  subscribe(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  start(): void {
    this.#openStream();
  }

  /** After a control: read positions and health now rather than on the next push. */
  async refresh(): Promise<void> {
    await Promise.all([this.#pollPositions(), this.#pollHealth()]);
  }

  #openStream(): void {
    this.#source?.close();
    const source = new EventSource('/api/events');
    this.#source = source;
    source.onopen = () => {
      this.#stopPolling();
      this.#update({ connection: 'live' });
    };
    source.onerror = () => {
      if (source.readyState === EventSource.CONNECTING) {
        // The connection dropped (the app restarted): EventSource reconnects by itself.
        this.#update({ connection: 'reconnecting' });
        return;
      }
      // Closed for good: the app answered but serves no stream. Ask instead.
      source.close();
      this.#source = undefined;
      this.#startPolling();
    };
    source.addEventListener('positions', (event) => {
      this.#update({ positions: parse<Position[]>(event), positionsError: null, positionsAt: Date.now() });
    });
    source.addEventListener('health', (event) => this.#update({ health: parse<Health>(event), healthError: null }));
    source.addEventListener('trade', () => this.#bump('trade'));
    source.addEventListener('audit', () => this.#bump('audit'));
    source.addEventListener('run', (event) => {
      const run = parse<RunSummary>(event);
      this.#update({
        runs: [run, ...this.#state.runs.filter((known) => known.run_id !== run.run_id)].slice(0, KEPT_RUNS),
        revisions: { ...this.#state.revisions, run: this.#state.revisions.run + 1 },
      });
    });
  }

  #startPolling(): void {
    if (this.#pollTimer !== undefined) return;
    const poll = () => void this.refresh();
    poll();
    this.#pollTimer = window.setInterval(poll, POLL_MS);
    this.#streamRetryTimer = window.setInterval(() => this.#openStream(), STREAM_RETRY_MS);
  }

  #stopPolling(): void {
    window.clearInterval(this.#pollTimer);
    window.clearInterval(this.#streamRetryTimer);
    this.#pollTimer = undefined;
    this.#streamRetryTimer = undefined;
  }

  async #pollPositions(): Promise<void> {
    try {
      const positions = await getData<Position[]>('/api/dashboard/positions');
      this.#update({ positions, positionsError: null, positionsAt: Date.now(), ...this.#answered() });
    } catch (error) {
      this.#failed(error, 'positionsError');
    }
  }

  async #pollHealth(): Promise<void> {
    try {
      this.#update({ health: await getData<Health>('/api/dashboard/health'), healthError: null, ...this.#answered() });
    } catch (error) {
      this.#failed(error, 'healthError');
    }
  }

  #answered(): Partial<LiveState> {
    return this.#state.connection === 'live' ? {} : { connection: 'polling' };
  }

  #failed(error: unknown, field: 'positionsError' | 'healthError'): void {
    if (error instanceof AppUnreachableError) {
      this.#update({ connection: 'reconnecting' });
      return;
    }
    this.#update({ [field]: error instanceof Error ? error.message : String(error), ...this.#answered() });
  }

  #bump(kind: keyof LiveState['revisions']): void {
    this.#update({ revisions: { ...this.#state.revisions, [kind]: this.#state.revisions[kind] + 1 } });
  }

  #update(change: Partial<LiveState>): void {
    this.#state = { ...this.#state, ...change };
    for (const listener of this.#listeners) listener(this.#state);
  }
}

function parse<T>(event: Event): T {
  return JSON.parse((event as MessageEvent<string>).data) as T;
}
