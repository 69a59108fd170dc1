/**
 * A venue's REST budget shared by every process that sends with the same key (decision 0038): the
 * app instances, the ws-worker and the tools, on one machine or several. Each bucket is a sliding
 * log of send times: a send is counted when fewer than `limit` were counted in the `windowMs`
 * before it, by any process. The limiters of each venue (`RestRateLimiter`, `OkxRateLimiter`)
 * keep their rules (buckets, windows, the protective lane) and ask this log instead of their own
 * when one is configured.
 *
 * Times are the callers' clocks (the injected `Clock`): processes on several machines must keep
 * their clocks in step (NTP); the limiters' margin (100 ms) absorbs what is left.
 */
export interface RateBudget {
  /** Counts one send of `bucket` at `now` and answers 0, or answers how long to wait (≥ 1 ms). */
  take(bucket: string, limit: number, windowMs: number, now: number): Promise<number>;
  /** Nothing more for `bucket` until `until` (after a 429 or a full window reported by the venue). */
  block(bucket: string, until: number): Promise<void>;
  close(): Promise<void>;
}
