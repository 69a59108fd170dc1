import type { Command } from 'commander';
import type { MarketDataRest } from '../../exchange/port/FuturesExchange.ts';
import { type Kline, TIMEFRAME_MS, type Timeframe } from '../../exchange/port/types.ts';
import { bitmartExchangeFromEnv } from '../bitmartExchangeFromEnv.ts';
import type { ConsoleContext } from '../consoleContext.ts';
import { openMarketDataStore } from '../marketDataStore.ts';
import { parsePositiveInt, parseSymbol, parseTimeframe } from '../options.ts';
import { progressBar } from '../progressBar.ts';
import { formatTable } from '../table.ts';

const MAX_LIMIT = 1500;
/** BitMart's most candles per request (docs/reference/bitmart-wire.md#klines): longer fetches go page by page. */
const PAGE = 500;

interface FetchKlinesOptions {
  timeframe: Timeframe;
  limit: number;
  json?: boolean;
  store: boolean;
}

export function registerBitmartFetchKlines(program: Command, context: ConsoleContext): void {
  program
    .command('bitmart:fetch-klines')
    .description(
      'Fetch the latest klines of a contract (BITMART_BASE_URL, default the live V2 host) and store the closed ones in the trading-app database (DATABASE_URL or DATA_DIR)',
    )
    .argument('<symbol>', 'contract, e.g. BTCUSDT', parseSymbol)
    .option('--timeframe <timeframe>', 'candle size: 1m, 5m, 15m, 30m, 1h, 4h, 1d, ...', parseTimeframe, '1h')
    .option('--limit <count>', `how many of the latest candles (1-${MAX_LIMIT})`, parsePositiveInt(MAX_LIMIT), 200)
    .option('--json', 'print JSON instead of a table')
    .option('--no-store', 'only print, do not write the database')
    .action(async (symbol: string, options: FetchKlinesOptions) => {
      const exchange = bitmartExchangeFromEnv(context.env, context.clock);
      try {
        const klines = await fetchLatest(exchange, symbol, options, context);
        context.stdout.write(options.json ? `${JSON.stringify(klines.map(klineJson))}\n` : table(klines));
        if (options.store) await store(klines, context);
      } finally {
        await exchange.stop();
      }
    });
}

/** The latest `limit` candles (the forming one included, as printed), a page at a time with a bar. */
async function fetchLatest(
  exchange: Pick<MarketDataRest, 'klines'>,
  symbol: string,
  options: FetchKlinesOptions,
  context: ConsoleContext,
): Promise<Kline[]> {
  const { timeframe, limit } = options;
  if (limit <= PAGE) return [...(await exchange.klines({ symbol, timeframe, limit }))];
  const pages = Math.ceil(limit / PAGE);
  const bar = progressBar(`${symbol} ${timeframe}`, pages, { json: options.json, stream: context.stderr });
  const byOpenTime = new Map<number, Kline>();
  const end = context.clock.now();
  try {
    for (let page = 0; page < pages; page += 1) {
      const count = Math.min(PAGE, limit - page * PAGE);
      const pageEnd = end - page * PAGE * TIMEFRAME_MS[timeframe];
      for (const kline of await exchange.klines({ symbol, timeframe, end: pageEnd, limit: count })) {
        byOpenTime.set(kline.openTime, kline);
      }
      bar.update(page + 1);
    }
  } finally {
    bar.stop();
  }
  return [...byOpenTime.values()].sort((a, b) => a.openTime - b.openTime).slice(-limit);
}

/** Only closed candles go in: the repository refuses the forming one. */
async function store(klines: readonly Kline[], context: ConsoleContext): Promise<void> {
  const database = await openMarketDataStore(context.env);
  try {
    const outcome = await database.klines.upsertClosed(klines, 'rest', context.clock.now());
    // On stderr: stdout is the listing, which scripts parse.
    context.stderr.write(
      `stored ${outcome.accepted} closed candles in ${database.storage}${outcome.refused > 0 ? ` (${outcome.refused} forming, not stored)` : ''}\n`,
    );
  } finally {
    await database.close();
  }
}

function klineJson(kline: Kline): Record<string, string | number> {
  return {
    open_time: new Date(kline.openTime).toISOString(),
    open: kline.open.toFixed(),
    high: kline.high.toFixed(),
    low: kline.low.toFixed(),
    close: kline.close.toFixed(),
    volume: kline.volume.toFixed(),
  };
}

function table(klines: readonly Kline[]): string {
  return formatTable(
    ['open time (UTC)', 'open', 'high', 'low', 'close', 'volume'],
    klines.map((kline) => Object.values(klineJson(kline)).map(String)),
  );
}
