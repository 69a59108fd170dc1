import { z } from 'zod';
import { BitmartCodes } from '../../../exchange/bitmart/protocol/codes.ts';
import type { Clock } from '../../../platform/clock/index.ts';
import { type ContractSpec, KLINE_STEPS_MINUTES, type KlineStepMinutes, type Market } from '../../market/types.ts';
import type { Endpoint } from '../endpoint.ts';
import { BitmartReplyError } from '../envelope.ts';
import { intParam, parseParams, symbolParam, toSeconds } from '../params.ts';
import {
  candleWire,
  contractDetailsWire,
  depthWire,
  fundingHistoryWire,
  fundingRateWire,
  leverageBracketWire,
  marketTradeWire,
  openInterestWire,
} from '../wire/marketWire.ts';

/** Public market data, NONE auth, per-IP limits (docs/reference/bitmart-wire.md#public-endpoints, #rate-limits). */

const SymbolQuery = z.object({ symbol: symbolParam });
const OptionalSymbolQuery = z.object({ symbol: symbolParam.optional() });
const KlineQuery = z.object({
  symbol: symbolParam,
  step: intParam
    .refine((step): step is KlineStepMinutes => (KLINE_STEPS_MINUTES as readonly number[]).includes(step))
    .default(1),
  start_time: intParam,
  end_time: intParam,
});
const LimitQuery = (fallback: number) =>
  z.object({ symbol: symbolParam, limit: intParam.pipe(z.number().min(1)).default(fallback) });

/** Depth serves at most 50 levels per side; market-trade at most 100 rows; kline at most 500 candles. */
const DEPTH_LEVELS = 50;
const MAX_MARKET_TRADES = 100;
const MAX_FUNDING_HISTORY = 100;

function contractOf(market: Market, symbol: string): ContractSpec {
  const spec = market.contract(symbol);
  if (!spec) throw new BitmartReplyError(BitmartCodes.contractNotFound);
  return spec;
}

function details(market: Market, query: unknown) {
  const { symbol } = parseParams(OptionalSymbolQuery, query);
  const specs = symbol === undefined ? market.contracts() : [contractOf(market, symbol)];
  return {
    symbols: specs.map((spec) => contractDetailsWire(spec, market.ticker(spec.symbol), market.funding(spec.symbol))),
  };
}

/**
 * Klines (bitmart-wire.md#klines): steps in minutes, start/end in seconds and required;
 * markprice-kline reuses last-price candles.
 */
function klines(market: Market, query: unknown) {
  const { symbol, step, start_time, end_time } = parseParams(KlineQuery, query);
  contractOf(market, symbol);
  return market.klines(symbol, step, toSeconds(start_time), toSeconds(end_time)).map(candleWire);
}

export function publicMarketEndpoints(market: Market, clock: Clock): Endpoint[] {
  const get = (path: string, handle: (query: unknown) => unknown): Endpoint => ({
    method: 'GET',
    path: `/contract/public/${path}`,
    auth: 'none',
    handle: ({ query }) => handle(query),
  });
  return [
    get('details', (query) => details(market, query)),
    get('depth', (query) => {
      const { symbol } = parseParams(SymbolQuery, query);
      contractOf(market, symbol);
      return depthWire(market.book(symbol, DEPTH_LEVELS));
    }),
    get('kline', (query) => klines(market, query)),
    get('markprice-kline', (query) => klines(market, query)),
    get('funding-rate', (query) => {
      const { symbol } = parseParams(SymbolQuery, query);
      contractOf(market, symbol);
      return fundingRateWire(market.funding(symbol), clock.now());
    }),
    get('funding-rate-history', (query) => {
      const { symbol, limit } = parseParams(LimitQuery(MAX_FUNDING_HISTORY), query);
      const spec = contractOf(market, symbol);
      return fundingHistoryWire(spec, market.funding(symbol), Math.min(limit, MAX_FUNDING_HISTORY));
    }),
    get('market-trade', (query) => {
      const { symbol, limit } = parseParams(LimitQuery(50), query);
      const spec = contractOf(market, symbol);
      return market
        .recentTrades(symbol, Math.min(limit, MAX_MARKET_TRADES))
        .map((trade) => marketTradeWire(spec, trade));
    }),
    get('open-interest', (query) => {
      const { symbol } = parseParams(SymbolQuery, query);
      const spec = contractOf(market, symbol);
      return openInterestWire(spec, market.ticker(symbol), clock.now());
    }),
    get('leverage-bracket', (query) => {
      const { symbol } = parseParams(OptionalSymbolQuery, query);
      const specs = symbol === undefined ? market.contracts() : [contractOf(market, symbol)];
      return { rules: specs.map((spec) => leverageBracketWire(spec, market.lastPrice(spec.symbol))) };
    }),
  ];
}
