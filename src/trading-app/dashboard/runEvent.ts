import type { RunResponse } from '../mtf-runner/response/runResponse.ts';

/** An MTF run as the `run` event tells it: when, how long, how many symbols ended how, and why most were not traded. */
export interface RunEvent {
  readonly run_id: string;
  readonly at: string;
  readonly duration_ms: number;
  readonly profile: string;
  readonly dry_run: boolean;
  readonly status: string;
  readonly counts: { READY: number; INVALID: number; SKIPPED: number; GRACE_WINDOW: number; ERROR: number };
  /** The most frequent reasons a symbol stopped (its `reason`, else where it stopped), most frequent first, at most 5. */
  readonly top_rejections: { reason: string; count: number }[];
}

const TOP = 5;

export function runEvent(response: RunResponse): RunEvent {
  const { summary, results, timing } = response.data;
  const reasons = new Map<string, number>();
  for (const result of Object.values(results)) {
    if (result.status === 'READY') continue;
    const reason = result.reason ?? result.failed_timeframe ?? result.status;
    reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
  }
  return {
    run_id: summary.run_id,
    at: summary.timestamp,
    duration_ms: timing.total_ms,
    profile: summary.profile,
    dry_run: summary.dry_run,
    status: summary.status,
    counts: {
      READY: summary.symbols_ready,
      INVALID: summary.symbols_invalid,
      SKIPPED: summary.symbols_skipped,
      GRACE_WINDOW: summary.symbols_grace,
      ERROR: summary.symbols_failed,
    },
    top_rejections: [...reasons]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, TOP)
      .map(([reason, count]) => ({ reason, count })),
  };
}
