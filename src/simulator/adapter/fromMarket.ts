import { klineStep } from '../../exchange/bitmart/protocol/klineIntervals.ts';
import type { Contract, Kline, MarketTrade, Ticker, Timeframe } from '../../exchange/port/types.ts';
import { Dec } from '../../platform/decimal/index.ts';
import type {
  Candle,
  ContractSpec,
  FundingInfo,
  KlineStepMinutes,
  MarketTrade as SimMarketTrade,
  Ticker as SimTicker,
} from '../market/types.ts';

/** Market snapshots (candles in Unix seconds, sizes as numbers) → the port's objects (ms, `Dec`). */

/** Every port timeframe is one of BitMart's REST steps, which the market serves. */
export function stepOf(timeframe: Timeframe): KlineStepMinutes {
  return klineStep(timeframe) as KlineStepMinutes;
}

export function contractOf(spec: ContractSpec, ticker: SimTicker, funding: FundingInfo): Contract {
  return {
    symbol: spec.symbol,
    baseCurrency: spec.baseCurrency,
    quoteCurrency: spec.quoteCurrency,
    contractSize: spec.contractSize,
    tickSize: spec.tickSize,
    sizeStep: spec.volumeStep,
    minSize: new Dec(spec.minVolume),
    maxSize: new Dec(spec.maxVolume),
    maxMarketSize: new Dec(spec.marketMaxVolume),
    minLeverage: new Dec(spec.minLeverage),
    maxLeverage: new Dec(spec.maxLeverage),
    status: 'trading',
    lastPrice: ticker.lastPrice,
    indexPrice: ticker.indexPrice,
    volume24h: new Dec(ticker.volume24h),
    turnover24h: ticker.turnover24h,
    fundingRate: funding.rate,
    fundingIntervalHours: spec.fundingIntervalHours,
    nextFundingTime: funding.nextFundingTime,
    openTime: spec.openTimestamp,
    // The simulator lists perpetuals only and never delists.
    expireTime: undefined,
    delistTime: undefined,
  };
}

export function klineOf(symbol: string, timeframe: Timeframe, candle: Candle): Kline {
  return {
    symbol,
    timeframe,
    openTime: candle.openTime * 1000,
    open: candle.open,
    high: candle.high,
    low: candle.low,
    close: candle.close,
    volume: new Dec(candle.volume),
  };
}

export function tickerOf(ticker: SimTicker, time: number): Ticker {
  return {
    symbol: ticker.symbol,
    lastPrice: ticker.lastPrice,
    markPrice: ticker.markPrice,
    indexPrice: ticker.indexPrice,
    bestBid: ticker.bestBid.price,
    bestBidSize: new Dec(ticker.bestBid.size),
    bestAsk: ticker.bestAsk.price,
    bestAskSize: new Dec(ticker.bestAsk.size),
    volume24h: new Dec(ticker.volume24h),
    change24h: ticker.change24h,
    time,
  };
}

export function marketTradeOf(trade: SimMarketTrade): MarketTrade {
  return {
    symbol: trade.symbol,
    tradeId: trade.tradeId,
    price: trade.price,
    size: new Dec(trade.size),
    takerSide: trade.buyerIsMaker ? 'sell' : 'buy',
    time: trade.time,
  };
}
