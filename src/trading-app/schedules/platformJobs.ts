import type { ScheduleConfig } from '../../platform/config/scheduleConfig.ts';
import { RETENTION_DEFAULTS, type RetentionCleanup } from '../maintenance/RetentionCleanup.ts';
import type { ContractSync } from '../market-data/ContractSync.ts';
import type { MtfService } from '../mtf-runner/MtfService.ts';
import type { LiveTradeEntry } from '../trade-entry/LiveTradeEntry.ts';
import type { TradeReconciler } from '../trades/TradeReconciler.ts';
import type { ScheduledJob } from './Scheduler.ts';

export interface PlatformJobDependencies {
  readonly config: ScheduleConfig;
  readonly mtf: MtfService;
  readonly maintenance: RetentionCleanup;
  /** Absent when the app was not pointed at a venue on purpose (a bare `app:serve`): no sync. */
  readonly contractSync: ContractSync | undefined;
  /** Present when the app can trade: its unacknowledged entries are sent again. */
  readonly liveEntry?: LiveTradeEntry | undefined;
  /** Present when the app reads a venue's private data: trades are reconciled with it. */
  readonly tradeReconciler?: TradeReconciler | undefined;
}

/**
 * The original's schedules (pivox/tradingV3 `cron_symfony_mtf_workers`), now in process: the MTF
 * run every minute, the contract sync every day at 09:00 UTC, the retention cleanup daily and for
 * real. A job whose cron is `off` is listed, disabled.
 */
export function platformJobs(deps: PlatformJobDependencies): ScheduledJob[] {
  const { config } = deps;
  return [
    {
      name: 'mtf-run',
      cron: config.mtfRun.cron,
      enabled: true,
      run: async () => {
        const response = await deps.mtf.run({
          dryRun: config.mtfRun.dryRun,
          workers: config.mtfRun.workers,
          profile: config.mtfRun.profile,
        });
        const { summary } = response.data;
        return {
          outcome: response.status === 'success' ? 'ok' : response.status,
          summary: `${summary.profile}${summary.dry_run ? ' dry run' : ''}: ${summary.symbols_processed} processed, ${summary.symbols_ready} ready, ${summary.symbols_failed} failed`,
        };
      },
    },
    {
      name: 'contract-sync',
      cron: config.contractSync.cron,
      enabled: deps.contractSync !== undefined,
      run: async () => {
        const sync = deps.contractSync;
        if (!sync) return { outcome: 'skipped', summary: 'no venue' };
        const result = await sync.sync();
        return {
          outcome: result.errors.length === 0 ? 'ok' : 'partial_success',
          summary: `${result.upserted} contracts upserted of ${result.totalFetched}`,
        };
      },
    },
    {
      name: 'trade-resend',
      // Every 30 s: an entry the worker did not acknowledge (down, answer lost) goes out again, same id.
      cron: '20,50 * * * * *',
      enabled: deps.liveEntry !== undefined,
      run: async () => {
        const sent = (await deps.liveEntry?.resendUnsent()) ?? 0;
        return { outcome: 'ok', summary: `${sent} entries sent again` };
      },
    },
    tradeReconcileJob(deps.tradeReconciler),
    {
      name: 'retention-cleanup',
      cron: config.cleanup.cron,
      enabled: true,
      run: async () => {
        const report = await deps.maintenance.run({ dryRun: config.cleanup.dryRun, ...RETENTION_DEFAULTS });
        return {
          outcome: 'ok',
          summary: `${report.dry_run ? 'dry run: would delete' : 'deleted'} ${report.klines.deleted} klines, ${report.indicator_snapshots.deleted} snapshots, ${report.mtf_audit.deleted} audits`,
        };
      },
    },
  ];
}

/**
 * Trades made to agree with the venue (decision 0021): every minute, on each callback about a
 * trade (`trigger`), and once at start-up for trades that closed while the app was down.
 */
export function tradeReconcileJob(reconciler: TradeReconciler | undefined): ScheduledJob {
  return {
    name: 'trade-reconcile',
    cron: '35 * * * * *',
    enabled: reconciler !== undefined,
    run: async () => {
      const counts = await reconciler?.reconcileDue();
      if (!counts) return { outcome: 'skipped', summary: 'no venue' };
      return {
        outcome: counts.failed === 0 ? 'ok' : 'partial_success',
        summary: `${counts.updated} updated, ${counts.unchanged} unchanged, ${counts.pending} pending, ${counts.failed} failed`,
      };
    },
  };
}
