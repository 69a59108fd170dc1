import type { Clock } from '../../../platform/clock/index.ts';
import type { Logger } from '../../../platform/logging/logger.ts';

/**
 * OKX refuses a signed request whose `OK-ACCESS-TIMESTAMP` is too far from its clock (50102, about
 * 30 s; https://www.okx.com/docs-v5/en/#overview-rest-authentication-making-requests) and a WS login older than 30 s (60006).
 * Timestamps are the injected clock plus an offset measured on `GET /api/v5/public/time`:
 * lazily before the first signed request, again when older than `refreshIntervalMs` (10 min), and
 * at once after a 50102. Offset = server time − midpoint of send and receive. A failed measurement
 * keeps the previous offset and logs: an order must not fail because the time endpoint did.
 */
export interface ServerTimeOffsetOptions {
  readonly clock: Clock;
  readonly fetchServerTime: () => Promise<number>;
  readonly logger?: Logger;
  readonly refreshIntervalMs?: number;
}

export const DEFAULT_CLOCK_REFRESH_MS = 10 * 60_000;

export class ServerTimeOffset {
  readonly #clock: Clock;
  readonly #fetchServerTime: () => Promise<number>;
  readonly #logger: Logger | undefined;
  readonly #refreshIntervalMs: number;
  #offsetMs = 0;
  #measuredAt: number | undefined;
  #inFlight: Promise<void> | undefined;

  constructor(options: ServerTimeOffsetOptions) {
    this.#clock = options.clock;
    this.#fetchServerTime = options.fetchServerTime;
    this.#logger = options.logger;
    this.#refreshIntervalMs = options.refreshIntervalMs ?? DEFAULT_CLOCK_REFRESH_MS;
  }

  get offsetMs(): number {
    return this.#offsetMs;
  }

  /** Measured and not yet due for a new measurement. */
  get fresh(): boolean {
    const at = this.#measuredAt;
    return at !== undefined && this.#clock.now() - at < this.#refreshIntervalMs;
  }

  /** The server's time now, measuring first when the offset is missing or stale. */
  async now(): Promise<number> {
    if (!this.fresh) await this.sync();
    return this.current();
  }

  /** The server's time by the last measurement. */
  current(): number {
    return this.#clock.now() + this.#offsetMs;
  }

  invalidate(): void {
    this.#measuredAt = undefined;
  }

  /** Concurrent callers share one measurement. */
  sync(): Promise<void> {
    this.#inFlight ??= this.#measure().finally(() => {
      this.#inFlight = undefined;
    });
    return this.#inFlight;
  }

  async #measure(): Promise<void> {
    const sentAt = this.#clock.now();
    try {
      const serverTime = await this.#fetchServerTime();
      const receivedAt = this.#clock.now();
      this.#offsetMs = Math.round(serverTime - (sentAt + receivedAt) / 2);
      this.#measuredAt = receivedAt;
    } catch (error) {
      this.#measuredAt = this.#clock.now() - this.#refreshIntervalMs + 5_000;
      this.#logger?.warn(
        { err: error, offsetMs: this.#offsetMs },
        'could not measure OKX server time; signing with the previous offset',
      );
    }
  }
}
