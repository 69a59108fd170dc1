import type { MtfTimeframe } from '../mtf/timeframes.ts';
import { DEFAULT_PROFILE, profileConfigPath } from './profiles.ts';

export interface MtfRunRequest {
  /** Empty or absent: the universe of `mtf_contracts.yaml`. */
  readonly symbols?: readonly string[] | undefined;
  /** Default true: nothing is sent to the venue. */
  readonly dryRun?: boolean | undefined;
  /** 1: in this thread; N > 1: N worker threads. */
  readonly workers?: number | undefined;
  readonly profile?: string | undefined;
  readonly forceRun?: boolean | undefined;
  readonly currentTf?: MtfTimeframe | undefined;
  /** Decision time; default the clock's now. */
  readonly now?: number | undefined;
}

/** A request the runner refuses before doing anything: `field` names the input at fault. */
export class MtfRunRequestError extends Error {
  override readonly name = 'MtfRunRequestError';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
  }
}

export const MAX_WORKERS = 32;

/** A request with its defaults applied, checked before the run touches anything. */
export interface RunSettings {
  readonly dryRun: boolean;
  readonly workers: number;
  readonly profile: string;
  /** The profile's validation file. */
  readonly configPath: string;
  readonly forceRun: boolean;
  readonly currentTf: MtfTimeframe | undefined;
  /** Trimmed, upper case, each once; undefined when none were asked for (the universe then). */
  readonly symbols: readonly string[] | undefined;
}

/** Throws `MtfRunRequestError` for a bad worker count, `UnknownProfileError` for an unknown profile. */
export function runSettings(request: MtfRunRequest, configDirectory: string): RunSettings {
  const workers = request.workers ?? 1;
  if (!Number.isInteger(workers) || workers < 1 || workers > MAX_WORKERS) {
    throw new MtfRunRequestError('workers', `expected an integer from 1 to ${MAX_WORKERS}`);
  }
  const profile = request.profile ?? DEFAULT_PROFILE;
  const symbols = request.symbols && request.symbols.length > 0 ? normalize(request.symbols) : undefined;
  return {
    dryRun: request.dryRun ?? true,
    workers,
    profile,
    configPath: profileConfigPath(configDirectory, profile),
    forceRun: request.forceRun ?? false,
    currentTf: request.currentTf,
    symbols,
  };
}

function normalize(symbols: readonly string[]): string[] {
  return [...new Set(symbols.map((symbol) => symbol.trim().toUpperCase()).filter((symbol) => symbol !== ''))];
}
