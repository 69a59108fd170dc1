/**
 * The waits between retries, in one place. Two shapes: a formula (`exponentialDelay`) where the
 * delay grows from a base, and a table (`tableDelay`) where the numbers themselves are the
 * contract (the outbox's 0/5/15/45/120 s, the order follow-up's polls).
 */

export interface ExponentialBackoff {
  /** The delay of attempt 0, in ms. */
  readonly baseMs: number;
  /** No delay exceeds this, however many attempts failed. */
  readonly maxMs: number;
  /** Growth per attempt; default 2. */
  readonly factor?: number;
  /**
   * Absent: the delay itself. Present: "equal jitter", between half and all of the delay, drawn
   * from `random` (returning [0, 1)), so that many clients dropped together do not come back
   * together while the wait never falls below half the base (a peer that refuses at once cannot
   * cause a hot loop).
   */
  readonly equalJitter?: { readonly random: () => number };
}

/** Past this exponent every delay is at its cap for any base of 1 ms or more (2^30 ms is 12 days). */
const MAX_EXPONENT = 30;

/** The wait before retry `attempt` (0 for the first), in whole ms. */
export function exponentialDelay(attempt: number, policy: ExponentialBackoff): number {
  const grown = policy.baseMs * (policy.factor ?? 2) ** Math.min(Math.max(0, attempt), MAX_EXPONENT);
  const capped = Math.min(policy.maxMs, grown);
  if (!policy.equalJitter) return Math.round(capped);
  const half = capped / 2;
  return Math.round(half + policy.equalJitter.random() * half);
}

/** `delays[step]`, the last entry repeating once the table is exhausted; 0 for an empty table. */
export function tableDelay(step: number, delays: readonly number[]): number {
  return delays[Math.min(Math.max(0, step), delays.length - 1)] ?? 0;
}
