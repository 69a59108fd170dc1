import type { Clock } from '../../platform/clock/index.ts';
import type { SymbolDecision } from '../mtf/cascade/SymbolDecision.ts';
import { loadMtfConfig } from '../mtf/config/loadMtfConfig.ts';
import { formatDecision } from '../mtf/evaluation/formatDecision.ts';
import type { MtfTimeframe } from '../mtf/timeframes.ts';
import type { StoreDatabase } from '../store/openDatabase.ts';
import { diagnoseSymbol } from './diagnoseSymbol.ts';
import { DEFAULT_PROFILE, profileConfigPath } from './profiles.ts';
import { MtfRunRequestError } from './runRequest.ts';
import type { MtfRunStore } from './runs/MtfRunRepository.ts';

export interface DiagnoseRequest {
  readonly symbol: string;
  /** Default `scalper_micro`, as a run's. */
  readonly profile?: string | undefined;
  /** The execution timeframe to force; absent: the profile's selector chooses, as in a run without `current_tf`. */
  readonly timeframe?: MtfTimeframe | undefined;
  /** The decision time (ms); default now. */
  readonly at?: number | undefined;
  /** Evaluate as that run did: at its decision time, with its profile and `current_tf`. */
  readonly runId?: string | undefined;
}

/** A symbol's decision tree: every condition with its value, threshold and verdict. */
export interface Diagnosis {
  readonly symbol: string;
  readonly profile: string;
  readonly at: string;
  readonly timeframe: MtfTimeframe | null;
  readonly run_id: string | null;
  readonly decision: SymbolDecision;
  /** What `app:indicator:conditions:diagnose` prints. */
  readonly text: string;
}

/**
 * The diagnose command's evaluation (`diagnoseSymbol`) behind the API: the same code, at a time the
 * caller or a run names. Undefined when `runId` names no recorded run. Throws `MtfRunRequestError`
 * naming the field at fault, `UnknownProfileError` for a profile that has no file.
 */
export async function diagnose(
  deps: {
    readonly db: StoreDatabase;
    readonly runs: MtfRunStore;
    readonly configDirectory: string;
    readonly clock: Clock;
  },
  request: DiagnoseRequest,
): Promise<Diagnosis | undefined> {
  let { profile, timeframe, at } = request;
  if (request.runId !== undefined) {
    for (const [field, value] of [
      ['profile', profile],
      ['timeframe', timeframe],
      ['at', at],
    ] as const) {
      if (value !== undefined) throw new MtfRunRequestError(field, 'the run sets it: leave it out with run_id');
    }
    const run = await deps.runs.find(request.runId);
    if (!run) return undefined;
    ({ profile } = run.summary);
    timeframe = run.summary.current_tf ?? undefined;
    at = run.startedAt;
  }
  profile ??= DEFAULT_PROFILE;
  const config = loadMtfConfig(profileConfigPath(deps.configDirectory, profile));
  if (request.runId === undefined && timeframe && !config.executionTimeframes.includes(timeframe)) {
    throw new MtfRunRequestError(
      'timeframe',
      `profile ${profile} executes on ${config.executionTimeframes.join(', ')}, not ${timeframe}`,
    );
  }
  const now = at ?? deps.clock.now();
  const decision = await diagnoseSymbol(deps.db, config, request.symbol, timeframe, now);
  return {
    symbol: request.symbol,
    profile,
    at: new Date(now).toISOString(),
    timeframe: timeframe ?? null,
    run_id: request.runId ?? null,
    decision,
    text: formatDecision(decision),
  };
}
