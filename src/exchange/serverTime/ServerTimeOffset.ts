import type { Clock } from '../../platform/clock/index.ts';
import type { Logger } from '../../platform/logging/logger.ts';

/**
 * Venues refuse a signed request whose timestamp is too far from their clock: BitMart beyond a
 * minute (30007, docs/reference/bitmart-wire.md#timestamp-window), OKX beyond about 30 s (50102,
 * https://www.okx.com/docs-v5/en/#overview-rest-authentication-making-requests; a WS login older
 * than 30 s: 60006). Timestamps are therefore the injected clock plus an offset measured against
 * the venue's time endpoint:
 *
 * - measured lazily before the first signed request (or eagerly by `sync()` at start);
 * - measured again when older than `refreshIntervalMs` (default 10 min: drift of a machine clock
 *   is ms per hour, so this is plenty), and at once after the venue refuses a timestamp
 *   (`invalidate()`);
 * - offset = server time − the midpoint of our send and receive times, which halves the error
 *   the round trip adds.
 *
 * A failed measurement keeps the previous offset (0 before the first one) and logs a warning: a
 * submit-order must not fail because the auxiliary time endpoint did, and a real skew still
 * surfaces as the venue's refusal, which triggers a new measurement.
 */
export interface ServerTimeOffsetOptions {
  /** Names the venue in the log line of a failed measurement. */
  readonly venue: string;
  readonly clock: Clock;
  readonly fetchServerTime: () => Promise<number>;
  readonly logger?: Logger;
  readonly refreshIntervalMs?: number;
}

export const DEFAULT_CLOCK_REFRESH_MS = 10 * 60_000;

export class ServerTimeOffset {
  readonly #venue: string;
  readonly #clock: Clock;
  readonly #fetchServerTime: () => Promise<number>;
  readonly #logger: Logger | undefined;
  readonly #refreshIntervalMs: number;
  #offsetMs = 0;
  #measuredAt: number | undefined;
  #inFlight: Promise<void> | undefined;

  constructor(options: ServerTimeOffsetOptions) {
    this.#venue = options.venue;
    this.#clock = options.clock;
    this.#fetchServerTime = options.fetchServerTime;
    this.#logger = options.logger;
    this.#refreshIntervalMs = options.refreshIntervalMs ?? DEFAULT_CLOCK_REFRESH_MS;
  }

  /** Server time minus local time, ms, as last measured. */
  get offsetMs(): number {
    return this.#offsetMs;
  }

  /** The server's time now, measuring the offset first when it is missing or stale. */
  async now(): Promise<number> {
    if (!this.fresh) await this.sync();
    return this.#clock.now() + this.#offsetMs;
  }

  /** True when the offset was measured and is not due for a new measurement (no await needed). */
  get fresh(): boolean {
    const measuredAt = this.#measuredAt;
    return measuredAt !== undefined && this.#clock.now() - measuredAt < this.#refreshIntervalMs;
  }

  /** The server's time now by the last measurement, without measuring. */
  current(): number {
    return this.#clock.now() + this.#offsetMs;
  }

  /** Marks the offset stale: the next signed request measures it again. */
  invalidate(): void {
    this.#measuredAt = undefined;
  }

  /** Measures the offset; concurrent callers share one measurement. */
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
      // Retry at the next signed request rather than hammering the endpoint now.
      this.#measuredAt = this.#clock.now() - this.#refreshIntervalMs + 5_000;
      this.#logger?.warn(
        { err: error, offsetMs: this.#offsetMs },
        `could not measure ${this.#venue} server time; signing with the previous offset`,
      );
    }
  }
}
