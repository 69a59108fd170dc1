import { accessSync, constants, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { type Command, InvalidArgumentError } from 'commander';
import { type CompletedBacktest, completeBacktest } from '../../backtest/completeBacktest.ts';
import { seededHistory } from '../../backtest/data/seededHistory.ts';
import { loadStoreSeries } from '../../backtest/data/storeSeries.ts';
import { type BacktestSeries, HISTORY_BEFORE_START_MS } from '../../backtest/runBacktest.ts';
import { ConfigError } from '../../platform/config/env.ts';
import { Dec } from '../../platform/decimal/index.ts';
import { writeFileAtomically } from '../../platform/files/atomicWrite.ts';
import { CONTRACT_CATALOG } from '../../simulator/market/index.ts';
import { MinuteSeries } from '../../simulator/replay/index.ts';
import {
  BacktestParameterError,
  type BacktestParameters,
  type FeeRates,
  parseFees,
  parseSlippageBps,
  parseUtcMinute,
} from '../../trading-app/backtests/backtestParameters.ts';
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
  fees?: FeeRates;
  slippage: number;
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
    .option(
      '--fees <maker,taker>',
      "fee rates as decimals replacing the contracts' for the run, e.g. 0.0002,0.0006 (0.02 % maker, 0.06 % taker)",
      parsedBy(parseFees),
    )
    .option(
      '--slippage <bps>',
      'basis points by which market and stop fills move against us, beyond the book',
      parsedBy(parseSlippageBps),
      0,
    )
    .action(async (options: BacktestRunOptions) => {
      checkFlags(options);
      const reportPath = options.report === undefined ? undefined : writablePath('--report', options.report);
      const series = await loadSeries(options, context);
      const parameters: BacktestParameters = {
        profile: options.profile,
        symbols: options.symbols,
        fromMs: options.from,
        toMs: options.to,
        balance: options.balance,
        slippageBps: options.slippage,
        ...(options.fees ? { fees: options.fees } : {}),
      };
      const minutes = (options.to - options.from) / MINUTE_MS;
      const bar = progressBar('backtest', minutes, { json: options.json, stream: context.stderr });
      const started = performance.now();
      let completed: CompletedBacktest;
      try {
        completed = await completeBacktest({
          parameters,
          series,
          seed: options.seed,
          codeVersion: codeVersion(),
          onProgress: (nowMs) => bar.update(Math.floor((nowMs - options.from) / MINUTE_MS)),
        });
      } finally {
        bar.stop();
      }
      const seconds = (performance.now() - started) / 1000;
      const { result, hashes } = completed;
      if (options.json) {
        context.stdout.write(`${JSON.stringify(completed.json)}\n`);
      } else {
        context.stdout.write(printBacktest(options, series, result, hashes));
      }
      if (reportPath) {
        await writeFileAtomically(reportPath, completed.html(), `${reportPath}.${process.pid}.partial`);
        context.stderr.write(`report written to ${reportPath}\n`);
      }
      // On stderr: not part of the result (the hash does not depend on the machine).
      context.stderr.write(
        `${minutes * series.length} candles in ${seconds.toFixed(1)} s: ${((minutes * series.length) / seconds).toFixed(0)} candles/s\n`,
      );
    });
}

/** A parser shared with the API, its message under the flag's name (commander exits 2). */
function parsedBy<T>(parse: (text: string) => T): (text: string) => T {
  return (text) => {
    try {
      return parse(text);
    } catch (error) {
      if (error instanceof BacktestParameterError) throw new InvalidArgumentError(error.message);
      throw error;
    }
  };
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
    return await loadStoreSeries(store, options.symbols, range, store.storage);
  } finally {
    await store.close();
  }
}

function parseSymbols(value: string): string[] {
  const symbols = value.split(',').map((part) => parseSymbol(part.trim()));
  if (new Set(symbols).size !== symbols.length) throw new InvalidArgumentError(`"${value}" names a symbol twice`);
  return symbols;
}

const parseMinute = parsedBy(parseUtcMinute);

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
