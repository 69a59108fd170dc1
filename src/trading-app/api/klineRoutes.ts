import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { TIMEFRAMES } from '../../exchange/port/types.ts';
import type { MarketData } from '../market-data/createMarketData.ts';
import { boundedInt, isoInstant, parseParameters, symbolParameter } from './queryParameters.ts';

const KlinesQuerySchema = z.strictObject({
  symbol: symbolParameter,
  timeframe: z.enum(TIMEFRAMES, { message: `expected one of ${TIMEFRAMES.join(', ')}` }),
  limit: boundedInt(1, 1000, 300),
  until: isoInstant.optional(),
});

/** `GET /api/klines`: the stored closed candles of one series, for the dashboard's chart and scripts. */
export function registerKlineRoutes(app: FastifyInstance, marketData: MarketData): void {
  app.get('/api/klines', async (request) => {
    const query = parseParameters(KlinesQuerySchema, request.query);
    const candles = await marketData.klines.lastClosed(
      query.symbol,
      query.timeframe,
      query.limit,
      query.until ? { until: query.until.getTime() } : {},
    );
    return {
      status: 'ok',
      symbol: query.symbol,
      timeframe: query.timeframe,
      count: candles.length,
      data: candles.map((candle) => ({
        open_time: new Date(candle.openTime).toISOString(),
        open: candle.open.toFixed(),
        high: candle.high.toFixed(),
        low: candle.low.toFixed(),
        close: candle.close.toFixed(),
        volume: candle.volume.toFixed(),
      })),
    };
  });
}
