import type { Command } from 'commander';
import type { Kline, Timeframe } from '../../exchange/port/types.ts';
import { bitmartExchangeFromEnv } from '../bitmartExchangeFromEnv.ts';
import { parsePositiveInt, parseSymbol, parseTimeframe } from '../options.ts';
import { formatTable } from '../table.ts';

const MAX_LIMIT = 1500;

export function registerBitmartFetchKlines(program: Command): void {
  program
    .command('bitmart:fetch-klines')
    .description('Fetch the latest klines of a contract (BITMART_BASE_URL, default the live V2 host)')
    .argument('<symbol>', 'contract, e.g. BTCUSDT', parseSymbol)
    .option('--timeframe <timeframe>', 'candle size: 1m, 5m, 15m, 30m, 1h, 4h, 1d, ...', parseTimeframe, '1h')
    .option('--limit <count>', `how many of the latest candles (1-${MAX_LIMIT})`, parsePositiveInt(MAX_LIMIT), 200)
    .option('--json', 'print JSON instead of a table')
    .action(async (symbol: string, options: { timeframe: Timeframe; limit: number; json?: boolean }) => {
      const exchange = bitmartExchangeFromEnv();
      try {
        const klines = await exchange.klines({ symbol, timeframe: options.timeframe, limit: options.limit });
        process.stdout.write(options.json ? `${JSON.stringify(klines.map(klineJson))}\n` : table(klines));
      } finally {
        await exchange.stop();
      }
    });
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
