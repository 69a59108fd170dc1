import type { Command } from 'commander';
import { CommanderError, InvalidArgumentError } from 'commander';
import { request } from 'undici';
import { loadStorageConfig } from '../../platform/config/storageConfig.ts';
import { apiOfHolder } from '../../platform/ownership/directoryOwnership.ts';
import { isMtfTimeframe, type MtfTimeframe } from '../../trading-app/mtf/timeframes.ts';
import type { RunResponse } from '../../trading-app/mtf-runner/index.ts';
import type { ConsoleContext } from '../consoleContext.ts';
import { parsePositiveInt, parseSymbol } from '../options.ts';
import { formatTable } from '../table.ts';
import { venueExchangeFromEnv } from '../venueExchangeFromEnv.ts';

const USAGE = 2;

interface MtfRunOptions {
  workers: number;
  dryRun: boolean;
  profile: string;
  symbols?: string[];
  forceRun?: boolean;
  tf?: MtfTimeframe;
  json?: boolean;
}

/**
 * `bin/console mtf:run`: one MTF run over the trading-app database (DATABASE_URL or DATA_DIR), as
 * `POST /api/mtf/run` does. Symbols with an open position or order are excluded when BITMART
 * credentials are set; without them the exclusion is skipped and the output says so.
 */
export function registerMtfRun(program: Command, context: ConsoleContext): void {
  program
    .command('mtf:run')
    .description('Run the MTF validation once over the stored candles and print the summary (dry run by default)')
    .option('--workers <n>', 'worker threads (1 = this thread)', parsePositiveInt(32), 1)
    .option('--dry-run <0|1>', '1: nothing is sent to the venue', parseDryRun, true)
    .option(
      '--profile <name>',
      'validation profile: config/mtf_validations.<name>.yaml; "default" is the 2025-11 mtf_validations.yaml',
      'scalper_micro',
    )
    .option('--symbols <list>', 'comma-separated symbols (default: the mtf_contracts.yaml universe)', parseSymbols)
    .option('--force-run', 'ignore kill switches and grace windows')
    .option('--tf <timeframe>', 'force the execution timeframe: 4h, 1h, 15m, 5m or 1m', parseMtfTimeframe)
    .option('--json', 'print the full JSON response')
    .action(async (options: MtfRunOptions) => {
      const { MtfService, knownProfiles, DEFAULT_CONFIG_DIRECTORY, UnknownProfileError } = await import(
        '../../trading-app/mtf-runner/index.ts'
      );
      if (!knownProfiles(DEFAULT_CONFIG_DIRECTORY).includes(options.profile)) {
        const error = new UnknownProfileError(options.profile, knownProfiles(DEFAULT_CONFIG_DIRECTORY));
        context.stderr.write(`error: option '--profile <name>': ${error.message}\n`);
        throw new CommanderError(USAGE, 'mtf.profile.unknown', error.message);
      }
      const storage = loadStorageConfig(context.env);
      const runningApp = storage.databaseUrl === undefined ? await apiOfHolder(storage.dataDirectory) : undefined;
      if (runningApp !== undefined) {
        const response = await runThroughApp(runningApp, options);
        context.stderr.write(`run by the trading-app at ${runningApp}, which holds ${storage.dataDirectory}\n`);
        context.stdout.write(options.json ? `${JSON.stringify(response, null, 2)}\n` : describeRun(response, true));
        return;
      }
      const exchange = venueExchangeFromEnv(context.env, context.clock);
      const { openDatabase } = await import('../../trading-app/store/openDatabase.ts');
      const database = await openDatabase({ databaseUrl: storage.databaseUrl, dataDir: storage.dataDirectory });
      const service = new MtfService({
        db: database.drizzle,
        clock: context.clock,
        exchange,
      });
      try {
        const response = await service.run({
          workers: options.workers,
          dryRun: options.dryRun,
          profile: options.profile,
          symbols: options.symbols,
          forceRun: options.forceRun ?? false,
          currentTf: options.tf,
        });
        context.stdout.write(
          options.json ? `${JSON.stringify(response, null, 2)}\n` : describeRun(response, exchange !== undefined),
        );
      } finally {
        await service.close();
        await exchange?.stop();
        await database.close();
      }
    });
}

/**
 * PGlite belongs to the process that opened it: while the platform runs, the run goes through its
 * `POST /api/mtf/run` (the same service, the same response) instead of opening the directory.
 */
async function runThroughApp(apiUrl: string, options: MtfRunOptions): Promise<RunResponse> {
  const body = {
    dry_run: options.dryRun,
    workers: options.workers,
    mtf_profile: options.profile,
    ...(options.symbols ? { symbols: options.symbols } : {}),
    ...(options.forceRun ? { force_run: true } : {}),
    ...(options.tf ? { current_tf: options.tf } : {}),
  };
  const response = await request(`${apiUrl}/api/mtf/run`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await response.body.text();
  if (response.statusCode !== 200) {
    throw new Error(
      `the trading-app at ${apiUrl} refused the run (HTTP ${response.statusCode}): ${text.slice(0, 500)}`,
    );
  }
  return JSON.parse(text) as RunResponse;
}

export function describeRun(response: RunResponse, exclusionApplied: boolean): string {
  const { summary, results, timing } = response.data;
  const rows = Object.values(results).map((result) => [
    result.symbol,
    result.status,
    result.signal_side,
    result.execution_tf ?? '',
    result.failed_timeframe ?? '',
    result.reason ?? '',
    result.current_price === null ? '' : String(result.current_price),
    result.trading_decision && 'client_order_id' in result.trading_decision
      ? result.trading_decision.client_order_id
      : '',
  ]);
  return [
    `MTF run ${summary.run_id} (${summary.profile}, ${summary.dry_run ? 'dry run' : 'LIVE'}, workers ${summary.workers}): ${summary.status} in ${summary.execution_time_seconds} s`,
    `  requested ${summary.symbols_requested}, processed ${summary.symbols_processed}: ready ${summary.symbols_ready}, invalid ${summary.symbols_invalid}, skipped ${summary.symbols_skipped}, grace ${summary.symbols_grace}, failed ${summary.symbols_failed} (success rate ${summary.success_rate} %)`,
    `  timing ms: ${Object.entries(timing)
      .map(([step, ms]) => `${step.replace(/_ms$/, '')} ${ms}`)
      .join(', ')}`,
    exclusionApplied ? '' : '  open positions/orders NOT checked (no BITMART_API_KEY)',
    formatTable(['symbol', 'status', 'side', 'exec tf', 'stopped at', 'reason', 'price', 'client order id'], rows),
  ]
    .filter((line) => line !== '')
    .join('\n')
    .concat('\n');
}

function parseDryRun(value: string): boolean {
  if (value === '1' || value === 'true') return true;
  if (value === '0' || value === 'false') return false;
  throw new InvalidArgumentError(`expected 1 or 0, got "${value}"`);
}

function parseSymbols(value: string): string[] {
  return value
    .split(',')
    .map((symbol) => symbol.trim())
    .filter((symbol) => symbol !== '')
    .map(parseSymbol);
}

export function parseMtfTimeframe(value: string): MtfTimeframe {
  const normalised = value.toLowerCase();
  if (!isMtfTimeframe(normalised))
    throw new InvalidArgumentError(`unknown timeframe "${value}"; expected 4h, 1h, 15m, 5m or 1m`);
  return normalised;
}
