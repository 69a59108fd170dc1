import type { Clock } from '../../platform/clock/index.ts';
import { Dec } from '../../platform/decimal/index.ts';
import { checkProviderHealth, type ProviderHealthSources } from '../health/providerHealth.ts';
import type { MtfService } from '../mtf-runner/MtfService.ts';
import { ENTRIES_SWITCH, GLOBAL_SWITCH, isEffectivelyOff } from '../mtf-runner/switches/switchKeys.ts';
import type { ScheduleStatus } from '../schedules/Scheduler.ts';
import type { TradingQueries } from '../TradingAppServices.ts';
import type { WorkerStatusAnswer } from '../ws-worker-client/workerResponses.ts';
import type { PositionView } from './positionView.ts';

/** One subscribed topic of a WebSocket: whose connection, and how long since its last message. */
export interface ChannelHealth {
  readonly source: 'worker' | 'app';
  readonly channel: string;
  /** Null before the first message. */
  readonly last_message_age_ms: number | null;
}

/** A difference between our open trades and the positions the exchange holds. */
export interface Drift {
  readonly symbol: string;
  readonly side: 'long' | 'short';
  /** `missing_on_exchange`: our trade is open, the exchange holds nothing; `not_ours`: no trade of ours holds it; `size_mismatch`. */
  readonly kind: 'missing_on_exchange' | 'not_ours' | 'size_mismatch';
  /** Our trades' decision keys, comma-separated. */
  readonly trade_id: string | null;
  readonly store_size: string | null;
  readonly exchange_size: string | null;
}

/** `GET /api/dashboard/health` and the `health` event (the contract in src/trading-app/api/README.md). */
export interface DashboardHealthReport {
  readonly exchange: { reachable: boolean; latency_ms: number | null; clock_offset_ms: number | null };
  readonly websocket: {
    /** `connected`: every connection up; `degraded`: some; `disconnected`: none; `unknown`: the worker did not answer. */
    state: 'connected' | 'degraded' | 'disconnected' | 'unknown';
    channels: ChannelHealth[];
  };
  readonly runner: {
    enabled: boolean;
    last_run_at: string | null;
    last_outcome: string | null;
    missed_minutes: number | null;
  };
  readonly schedules: {
    name: string;
    last_run_at: string | null;
    last_outcome: string | null;
    next_run_at: string | null;
  }[];
  readonly rate_limits: { lowest_headroom: number | null };
  readonly worker: { reachable: boolean; outbox_depth: number | null; delivery_failures: number | null };
  /** Balance alerts fired in the last 24 hours. */
  readonly balance_alerts: number;
  readonly reconciliation: { drift: Drift[] };
  readonly entries_paused: boolean;
  readonly kill_switch: boolean;
  /** Null when the positions could not be read. */
  readonly unprotected_positions: number | null;
  readonly timestamp: string;
}

export interface DashboardHealthSources {
  readonly clock: Clock;
  readonly provider: ProviderHealthSources;
  readonly schedules: (() => ScheduleStatus[]) | undefined;
  readonly mtf: MtfService | undefined;
  readonly store: Pick<TradingQueries, 'alerts'>;
  /** The worker's `/status`; rejects when it does not answer. */
  readonly workerStatus: (() => Promise<WorkerStatusAnswer>) | undefined;
  /** Our open trades (decision key, symbol, side, quantity in contracts). */
  readonly openTrades: () => Promise<readonly OpenTrade[]>;
}

export interface OpenTrade {
  readonly decisionKey: string;
  readonly symbol: string;
  readonly side: 'long' | 'short';
  readonly quantity: string | null;
}

/** The worker must answer `/status` within this for the banner; it answers in milliseconds. */
const WORKER_PROBE_TIMEOUT_MS = 2_000;
const DAY_MS = 86_400_000;
const BALANCE_ALERTS = new Set(['low_available_balance', 'high_frozen_share']);

/**
 * The health banner's one report: what the app already knows (provider health, schedules,
 * switches, alerts), the worker's `/status`, and the positions the caller read. Every source is
 * read side by side; one that fails is reported as such, never fails the report.
 */
export async function dashboardHealth(
  sources: DashboardHealthSources,
  positions: readonly PositionView[] | undefined,
): Promise<DashboardHealthReport> {
  const { clock } = sources;
  const [provider, worker, switches, alerts, trades] = await Promise.all([
    checkProviderHealth(sources.provider, clock),
    probeWorker(sources),
    sources.mtf?.switches.states() ?? Promise.resolve([]),
    sources.store.alerts({ limit: 200 }),
    positions ? sources.openTrades() : Promise.resolve([]),
  ]);
  const now = clock.now();
  const off = (key: string) => switches.some((state) => state.key === key && isEffectivelyOff(state, now));
  const schedules = sources.schedules?.() ?? [];
  return {
    exchange: {
      reachable: provider.exchange.reachable,
      latency_ms: provider.exchange.latency_ms,
      clock_offset_ms: provider.clock.offset_ms,
    },
    websocket: websocketHealth(worker, sources.provider, now),
    runner: runnerHealth(
      schedules.find((job) => job.name === 'mtf-run'),
      now,
    ),
    schedules: schedules.map(({ name, last_run_at, last_outcome, next_run_at }) => ({
      name,
      last_run_at,
      last_outcome,
      next_run_at,
    })),
    rate_limits: { lowest_headroom: provider.rate_limits?.lowest_headroom ?? null },
    worker: {
      reachable: worker !== undefined,
      outbox_depth: worker?.outbox.depth ?? null,
      delivery_failures: worker?.outbox.failed ?? null,
    },
    balance_alerts: alerts.filter(
      (alert) => BALANCE_ALERTS.has(alert.kind) && now - Date.parse(alert.created_at) < DAY_MS,
    ).length,
    reconciliation: { drift: positions ? driftOf(trades, positions) : [] },
    entries_paused: off(ENTRIES_SWITCH),
    kill_switch: off(GLOBAL_SWITCH),
    unprotected_positions: positions ? positions.filter((position) => position.unprotected).length : null,
    timestamp: new Date(now).toISOString(),
  };
}

async function probeWorker(sources: DashboardHealthSources): Promise<WorkerStatusAnswer | undefined> {
  const { workerStatus, clock } = sources;
  if (!workerStatus) return undefined;
  let timer: ReturnType<Clock['setTimeout']> | undefined;
  const deadline = new Promise<undefined>((resolve) => {
    timer = clock.setTimeout(() => resolve(undefined), WORKER_PROBE_TIMEOUT_MS);
  });
  try {
    return await Promise.race([workerStatus().catch(() => undefined), deadline]);
  } finally {
    clock.clearTimer(timer);
  }
}

function websocketHealth(
  worker: WorkerStatusAnswer | undefined,
  provider: ProviderHealthSources,
  now: number,
): DashboardHealthReport['websocket'] {
  const appChannels: ChannelHealth[] = (provider.stream?.health() ?? [])
    .filter((topic) => topic.subscribed)
    .map((topic) => ({
      source: 'app',
      channel: topic.topic,
      last_message_age_ms: topic.lastMessageAt === undefined ? null : Math.max(0, now - topic.lastMessageAt),
    }));
  if (!worker) return { state: 'unknown', channels: appChannels };
  const workerChannels: ChannelHealth[] = worker.health
    .filter((topic) => topic.subscribed)
    .map((topic) => ({ source: 'worker', channel: topic.topic, last_message_age_ms: topic.last_message_age_ms }));
  const up = [worker.public_ws_connected, worker.private_ws_connected].filter(Boolean).length;
  return {
    state: up === 2 ? 'connected' : up === 1 ? 'degraded' : 'disconnected',
    channels: [...workerChannels, ...appChannels],
  };
}

/** Minutes the every-minute run has not run since its last run (0 while on time). */
function runnerHealth(job: ScheduleStatus | undefined, now: number): DashboardHealthReport['runner'] {
  if (!job) return { enabled: false, last_run_at: null, last_outcome: null, missed_minutes: null };
  const last = job.last_run_at === null ? undefined : Date.parse(job.last_run_at);
  return {
    enabled: job.enabled,
    last_run_at: job.last_run_at,
    last_outcome: job.last_outcome,
    missed_minutes: job.enabled && last !== undefined ? Math.max(0, Math.floor((now - last) / 60_000) - 1) : null,
  };
}

/** Our open trades against the exchange's positions, per symbol and side (trades of one side share a position). */
function driftOf(trades: readonly OpenTrade[], positions: readonly PositionView[]): Drift[] {
  const drift: Drift[] = [];
  const bySide = new Map<string, OpenTrade[]>();
  for (const trade of trades) {
    const key = `${trade.symbol}:${trade.side}`;
    bySide.set(key, [...(bySide.get(key) ?? []), trade]);
  }
  for (const group of bySide.values()) {
    const [first] = group as [OpenTrade];
    const held = positions.find((position) => position.symbol === first.symbol && position.side === first.side);
    const known = group.every((trade) => trade.quantity !== null);
    const stored = group.reduce((sum, trade) => sum.add(trade.quantity ?? 0), new Dec(0));
    const base = {
      symbol: first.symbol,
      side: first.side,
      trade_id: group.map((trade) => trade.decisionKey).join(','),
      store_size: known ? stored.toFixed() : null,
    };
    if (!held) drift.push({ ...base, kind: 'missing_on_exchange', exchange_size: null });
    else if (known && !stored.eq(held.size)) drift.push({ ...base, kind: 'size_mismatch', exchange_size: held.size });
  }
  for (const position of positions) {
    if (bySide.has(`${position.symbol}:${position.side}`)) continue;
    drift.push({
      symbol: position.symbol,
      side: position.side,
      kind: 'not_ours',
      trade_id: null,
      store_size: null,
      exchange_size: position.size,
    });
  }
  return drift;
}
