import { accessSync, constants, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { type Command, InvalidArgumentError } from 'commander';
import { contractSpecFor } from '../../backtest/data/contractSpec.ts';
import { seededHistory } from '../../backtest/data/seededHistory.ts';
import { BacktestDataError, loadStoredSeries } from '../../backtest/data/storedSeries.ts';
import { inputHash, outputHash, resultJson } from '../../backtest/hashes.ts';
import { htmlReport } from '../../backtest/report/htmlReport.ts';
import { type BacktestSeries, HISTORY_BEFORE_START_MS, runBacktest } from '../../backtest/runBacktest.ts';
import { ConfigError } from '../../platform/config/env.ts';
import { Dec } from '../../platform/decimal/index.ts';
import { writeFileAtomically } from '../../platform/files/atomicWrite.ts';
import { CONTRACT_CATALOG } from '../../simulator/market/index.ts';
import { MinuteSeries } from '../../simulator/replay/index.ts';
import { DEFAULT_CONFIG_DIRECTORY, knownProfiles } from '../../trading-app/mtf-runner/index.ts';
import { printBacktest } from '../backtestTerminal.ts';
import { codeVersion } from '../codeVersion.ts';
import type { ConsoleContext } from '../consoleContext.ts';
import { openMarketDataStore } from '../marketDataStore.ts';
import { parseSymbol } from '../options.ts';
import { progressBar } from '../progressBar.ts';

const MINUTE_MS = 60_000;

export interface BacktestRunOptions {
  profile: string;
  symbols: string[];
  from: number;
  to: number;
  balance: Dec;
  data: 'store' | 'seeded';
  seed: number;
  json?: boolean;
  report?: string;
}

/** `bin/console backtest:run`: recorded candles through the platform as it trades live (docs/decisions/0026-backtests.md). */
export function registerBacktestRun(program: Command, context: ConsoleContext): void {
  program
    .command('backtest:run')
    .description(
      'Replay recorded 1m candles through the platform as it trades live (MTF runner, trade entry, worker, simulator engine) on a manual clock and report its trades',
    )
    .requiredOption('--symbols <list>', 'contracts, comma separated, e.g. BTCUSDT,ETHUSDT', parseSymbols)
    .requiredOption('--from <time>', 'the first moment traded, UTC: 2026-01-01 or 2026-01-01T12:30', parseMinute)
    .requiredOption('--to <time>', 'the end, UTC, exclusive', parseMinute)
    .option('--profile <name>', 'the MTF and trade-entry profile (config/*.<name>.yaml)', 'scalper_micro')
    .option('--balance <usdt>', 'the account balance at the start', parseBalance, new Dec(10_000))
    .option(
      '--data <source>',
      "store: the klines table (bitmart:fetch-klines, klines:import); seeded: the simulator's generated history (a reproducible demo)",
      parseSource,
      'store',
    )
    .option('--seed <n>', 'seed of the synthetic book, the funding rates and the seeded data', parseSeed, 0)
    .option('--json', 'print JSON instead of tables')
    .option('--report <file.html>', 'also write the report as one HTML file that opens with no server')
    .action(async (options: BacktestRunOptions) => {
      checkFlags(options);
      const reportPath = options.report === undefined ? undefined : writablePath('--report', options.report);
      const series = await loadSeries(options, context);
      const configFiles = readdirSync(DEFAULT_CONFIG_DIRECTORY)
        .filter((name) => /\.ya?ml$/.test(name))
        .map((name) => ({ name, content: readFileSync(join(DEFAULT_CONFIG_DIRECTORY, name), 'utf8') }));
      const inputs = {
        codeVersion: codeVersion(),
        profile: options.profile,
        fromMs: options.from,
        toMs: options.to,
        balanceUsdt: options.balance.toFixed(),
        seed: options.seed,
        configFiles,
        series,
      };
      const minutes = (options.to - options.from) / MINUTE_MS;
      const bar = progressBar('backtest', minutes, { json: options.json, stream: context.stderr });
      const started = performance.now();
      let result: Awaited<ReturnType<typeof runBacktest>>;
      try {
        result = await runBacktest({
          profile: options.profile,
          series,
          fromMs: options.from,
          toMs: options.to,
          balanceUsdt: options.balance,
          seed: options.seed,
          onProgress: (nowMs) => bar.update(Math.floor((nowMs - options.from) / MINUTE_MS)),
        });
      } finally {
        bar.stop();
      }
      const seconds = (performance.now() - started) / 1000;
      const hashes = { input: inputHash(inputs), output: outputHash(result) };
      if (options.json) {
        const run = {
          profile: options.profile,
          symbols: options.symbols,
          from: iso(options.from),
          to: iso(options.to),
        };
        context.stdout.write(
          `${JSON.stringify({ run: { ...run, balance: options.balance.toFixed() }, ...resultJson(result), hashes })}\n`,
        );
      } else {
        context.stdout.write(printBacktest(options, series, result, hashes));
      }
      if (reportPath) {
        const run = { profile: options.profile, fromMs: options.from, toMs: options.to, balance: options.balance };
        await writeFileAtomically(
          reportPath,
          htmlReport(run, series, result, hashes),
          `${reportPath}.${process.pid}.partial`,
        );
        context.stderr.write(`report written to ${reportPath}\n`);
      }
      // On stderr: not part of the result (the hash does not depend on the machine).
      context.stderr.write(
        `${minutes * series.length} candles in ${seconds.toFixed(1)} s: ${((minutes * series.length) / seconds).toFixed(0)} candles/s\n`,
      );
    });
}

function checkFlags(options: BacktestRunOptions): void {
  if (options.to <= options.from) {
    throw new ConfigError('--to', `${iso(options.to)} must come after --from ${iso(options.from)}`);
  }
  const profiles = knownProfiles(DEFAULT_CONFIG_DIRECTORY);
  if (!profiles.includes(options.profile)) {
    throw new ConfigError('--profile', `unknown profile "${options.profile}"; known: ${profiles.join(', ')}`);
  }
}

/** Checked before a run that may take minutes: the file's directory exists and can be written. */
function writablePath(flag: string, path: string): string {
  const absolute = resolve(path);
  const directory = dirname(absolute);
  try {
    if (!statSync(directory).isDirectory()) throw new Error('not a directory');
    accessSync(directory, constants.W_OK);
  } catch {
    throw new ConfigError(flag, `cannot write ${path}: ${directory} is not a writable directory`);
  }
  if (statSync(absolute, { throwIfNoEntry: false })?.isDirectory()) {
    throw new ConfigError(flag, `${path} is a directory; name the HTML file to write`);
  }
  return absolute;
}

/** Every symbol's candles, or every problem of every symbol at once. */
async function loadSeries(options: BacktestRunOptions, context: ConsoleContext): Promise<BacktestSeries[]> {
  const range = { fromMs: options.from, toMs: options.to, warmupMs: HISTORY_BEFORE_START_MS };
  if (options.data === 'seeded') {
    return options.symbols.map((symbol) => {
      const spec = CONTRACT_CATALOG.find((contract) => contract.symbol === symbol);
      if (!spec) {
        const known = CONTRACT_CATALOG.map((contract) => contract.symbol).join(', ');
        throw new ConfigError('--symbols', `${symbol} has no seeded history; the simulator lists ${known}`);
      }
      const candles = seededHistory({
        seed: options.seed,
        symbol,
        fromMs: range.fromMs - range.warmupMs,
        toMs: range.toMs,
      });
      return { spec, series: MinuteSeries.of(symbol, spec.tickSize, candles) };
    });
  }
  const store = await openMarketDataStore(context.env);
  try {
    const loaded: BacktestSeries[] = [];
    const problems: string[] = [];
    for (const symbol of options.symbols) {
      const spec = contractSpecFor(symbol, await store.contracts.get(symbol));
      if (!spec) {
        problems.push(`${symbol}: unknown contract in ${store.storage}; fetch it first (bitmart:fetch-contracts)`);
        continue;
      }
      try {
        loaded.push({ spec, ...(await loadStoredSeries(store.klines, spec, range)) });
      } catch (error) {
        if (!(error instanceof BacktestDataError)) throw error;
        problems.push(...error.problems);
      }
    }
    if (problems.length > 0) throw new BacktestDataError(problems);
    return loaded;
  } finally {
    await store.close();
  }
}

function parseSymbols(value: string): string[] {
  const symbols = value.split(',').map((part) => parseSymbol(part.trim()));
  if (new Set(symbols).size !== symbols.length) throw new InvalidArgumentError(`"${value}" names a symbol twice`);
  return symbols;
}

/** A UTC date or date-time on a whole minute: the replay's clock moves in candles. */
function parseMinute(value: string): number {
  const match = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?)?Z?$/.test(value);
  const time = match
    ? Date.parse(value.length === 10 ? `${value}T00:00:00Z` : value.endsWith('Z') ? value : `${value}Z`)
    : Number.NaN;
  if (!Number.isFinite(time))
    throw new InvalidArgumentError(`"${value}" is not a UTC date such as 2026-01-01 or 2026-01-01T12:30`);
  if (time % MINUTE_MS !== 0) throw new InvalidArgumentError(`"${value}" is not on a whole minute`);
  return time;
}

function parseBalance(value: string): Dec {
  if (!/^\d+(\.\d+)?$/.test(value) || new Dec(value).lte(0)) {
    throw new InvalidArgumentError(`expected a positive amount of USDT such as 10000, got "${value}"`);
  }
  return new Dec(value);
}

function parseSource(value: string): 'store' | 'seeded' {
  if (value === 'store' || value === 'seeded') return value;
  throw new InvalidArgumentError(`expected store or seeded, got "${value}"`);
}

function parseSeed(value: string): number {
  if (!/^\d{1,9}$/.test(value))
    throw new InvalidArgumentError(`expected a whole number from 0 to 999999999, got "${value}"`);
  return Number(value);
}

function iso(time: number): string {
  return new Date(time).toISOString();
}
