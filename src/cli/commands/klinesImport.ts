import { readFile } from 'node:fs/promises';
import { type Command, InvalidArgumentError } from 'commander';
import { CandleTimeline, describeProblems } from '../../backtest/data/candleTimeline.ts';
import { CsvCandleError, parseCsvCandles } from '../../backtest/data/csvCandles.ts';
import { BacktestDataError } from '../../backtest/data/storedSeries.ts';
import { type Kline, TIMEFRAME_MS, type Timeframe } from '../../exchange/port/types.ts';
import type { RecordedCandle } from '../../simulator/replay/index.ts';
import type { ConsoleContext } from '../consoleContext.ts';
import { openMarketDataStore } from '../marketDataStore.ts';
import { parseSymbol, parseTimeframe } from '../options.ts';

interface KlinesImportOptions {
  symbol: string;
  timeframe: Timeframe;
  json?: boolean;
}

/**
 * `bin/console klines:import FILE --symbol=BTCUSDT --timeframe=1m`: closed candles from a CSV file
 * into the trading-app database, where `backtest:run` reads them. A candle given twice or off the
 * timeframe's grid refuses the whole file (nothing is written); gaps are reported and the rest is
 * imported (the backtest refuses a range with a gap, naming it).
 */
export function registerKlinesImport(program: Command, context: ConsoleContext): void {
  program
    .command('klines:import')
    .description(
      'Import closed candles from a CSV file (time, open, high, low, close[, volume]; with or without a header) into the trading-app database (DATABASE_URL or DATA_DIR)',
    )
    .argument('<file>', 'the CSV file')
    .requiredOption('--symbol <symbol>', 'contract, e.g. BTCUSDT', parseSymbol)
    .option('--timeframe <timeframe>', 'candle size: 1m, 5m, 15m, 1h, 4h, 1d', parseGridTimeframe, '1m')
    .option('--json', 'print JSON instead of text')
    .action(async (file: string, options: KlinesImportOptions) => {
      const stepMs = TIMEFRAME_MS[options.timeframe];
      const candles = readCandles(file, await readFile(file, 'utf8'));
      const first = candles[0];
      const last = candles.at(-1);
      if (!first || !last) throw new BacktestDataError([`${file}: no candles`]);
      const series = `${options.symbol} ${options.timeframe}`;
      const timeline = new CandleTimeline(stepMs, Math.floor(first.openTime / stepMs) * stepMs, last.openTime + stepMs);
      for (const candle of candles) timeline.add(candle.openTime);
      const problems = timeline.finish();
      const refusals = describeProblems(series, { ...problems, missing: [] }, stepMs);
      if (refusals.length > 0)
        throw new BacktestDataError(refusals.map((line) => `${file}: ${line}; nothing imported`));
      const klines: Kline[] = candles.map((candle) => ({
        ...candle,
        symbol: options.symbol,
        timeframe: options.timeframe,
      }));
      const store = await openMarketDataStore(context.env);
      try {
        const outcome = await store.klines.upsertClosed(klines, 'import', context.clock.now());
        const gaps = describeProblems(series, { ...problems, duplicated: [], overlapping: [] }, stepMs);
        const report = {
          symbol: options.symbol,
          timeframe: options.timeframe,
          from: new Date(first.openTime).toISOString(),
          to: new Date(last.openTime).toISOString(),
          imported: outcome.accepted,
          forming_not_imported: outcome.refused,
          gaps: problems.missing.map((gap) => ({
            from: new Date(gap.from).toISOString(),
            to: new Date(gap.to).toISOString(),
          })),
          storage: store.storage,
        };
        if (options.json) context.stdout.write(`${JSON.stringify(report)}\n`);
        else {
          context.stdout.write(
            `imported ${outcome.accepted} closed ${series} candles from ${report.from} to ${report.to} into ${store.storage}${outcome.refused > 0 ? ` (${outcome.refused} not closed yet, not imported)` : ''}\n`,
          );
          for (const line of gaps) context.stdout.write(`warning: ${line}\n`);
        }
      } finally {
        await store.close();
      }
    });
}

function readCandles(file: string, text: string): RecordedCandle[] {
  try {
    return parseCsvCandles(text).sort((a, b) => a.openTime - b.openTime);
  } catch (error) {
    if (error instanceof CsvCandleError) throw new BacktestDataError([`${file}: ${error.message}; nothing imported`]);
    throw error;
  }
}

/** Timeframes whose candles open on multiples of their length since 1970 (the weekly ones open on Mondays). */
function parseGridTimeframe(value: string): Timeframe {
  const timeframe = parseTimeframe(value);
  if (TIMEFRAME_MS[timeframe] > TIMEFRAME_MS['1d']) {
    throw new InvalidArgumentError(`${timeframe} is not importable; expected 1m to 1d`);
  }
  return timeframe;
}
