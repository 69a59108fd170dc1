import { Dec } from '../../../platform/decimal/index.ts';
import type { Contract, Kline, Ticker, Timeframe } from '../../port/types.ts';
import { baseUnitsPerContract } from '../protocol/instruments.ts';
import type { OkxCandle, OkxFundingRate, OkxInstrument, OkxMarkPrice, OkxTicker } from '../protocol/wire/index.ts';
import { symbolOf } from './symbols.ts';

/** Public REST rows (https://www.okx.com/docs-v5/en/#public-data-rest-api-get-instruments) → port types. */

const decOr = (value: string | undefined, fallback: Dec): Dec => (value ? new Dec(value) : fallback);
const decOrUndefined = (value: string | undefined): Dec | undefined => (value ? new Dec(value) : undefined);
const msOrUndefined = (value: string | undefined): number | undefined => (value ? Number(value) : undefined);

const DEFAULT_FUNDING_INTERVAL_HOURS = 8;

/**
 * A contract from its instrument row, with the market's numbers beside it. Sizes stay OKX's
 * contracts (the port's sizes are the venue's contracts); `contractSize` is `ctVal × ctMult` base
 * units. OKX has no index price per swap: the mark price stands in (it tracks the index).
 * The 24 h turnover is `volCcy24h` (base) × last price: OKX gives no quote volume for swaps.
 */
export function contractFromWire(
  instrument: OkxInstrument,
  market: { ticker?: OkxTicker; funding?: OkxFundingRate; mark?: OkxMarkPrice },
): Contract {
  const { ticker, funding, mark } = market;
  const last = decOr(ticker?.last, new Dec(0));
  const fundingTime = msOrUndefined(funding?.fundingTime);
  const nextFundingTime = msOrUndefined(funding?.nextFundingTime);
  const intervalHours =
    fundingTime !== undefined && nextFundingTime !== undefined && nextFundingTime > fundingTime
      ? Math.round((nextFundingTime - fundingTime) / 3_600_000)
      : DEFAULT_FUNDING_INTERVAL_HOURS;
  const maxSize = decOr(instrument.maxLmtSz, new Dec(0));
  return {
    symbol: symbolOf(instrument.instId),
    baseCurrency: instrument.ctValCcy || instrument.instId.split('-')[0] || '',
    quoteCurrency: instrument.settleCcy,
    contractSize: baseUnitsPerContract({ ctVal: new Dec(instrument.ctVal), ctMult: new Dec(instrument.ctMult) }),
    tickSize: new Dec(instrument.tickSz),
    sizeStep: new Dec(instrument.lotSz),
    minSize: new Dec(instrument.minSz),
    maxSize,
    maxMarketSize: decOr(instrument.maxMktSz, maxSize),
    minLeverage: new Dec(1),
    maxLeverage: decOr(instrument.lever, new Dec(1)),
    status: instrument.state === 'live' ? 'trading' : 'paused',
    lastPrice: last,
    indexPrice: decOr(mark?.markPx, last),
    volume24h: decOr(ticker?.vol24h, new Dec(0)),
    turnover24h: decOr(ticker?.volCcy24h, new Dec(0)).mul(last),
    fundingRate: decOr(funding?.fundingRate, new Dec(0)),
    fundingIntervalHours: intervalHours,
    nextFundingTime: fundingTime,
    openTime: msOrUndefined(instrument.listTime),
    expireTime: msOrUndefined(instrument.expTime),
    delistTime: undefined,
  };
}

/** `[ts, o, h, l, c, vol (contracts), …]`. */
export function klineFromWire(symbol: string, timeframe: Timeframe, candle: OkxCandle): Kline {
  return {
    symbol,
    timeframe,
    openTime: Number(candle[0]),
    open: new Dec(candle[1]),
    high: new Dec(candle[2]),
    low: new Dec(candle[3]),
    close: new Dec(candle[4]),
    volume: new Dec(candle[5]),
  };
}

/** `confirm` "1": the bar closed. */
export function candleClosed(candle: OkxCandle): boolean {
  return candle[8] === '1';
}

export function tickerFromWire(ticker: OkxTicker, mark?: OkxMarkPrice): Ticker {
  const last = new Dec(ticker.last);
  const open = decOrUndefined(ticker.open24h);
  return {
    symbol: symbolOf(ticker.instId),
    lastPrice: last,
    markPrice: decOrUndefined(mark?.markPx),
    indexPrice: undefined,
    bestBid: decOrUndefined(ticker.bidPx),
    bestBidSize: decOrUndefined(ticker.bidSz),
    bestAsk: decOrUndefined(ticker.askPx),
    bestAskSize: decOrUndefined(ticker.askSz),
    volume24h: decOrUndefined(ticker.vol24h),
    change24h: open && !open.isZero() ? last.div(open).minus(1) : undefined,
    time: Number(ticker.ts),
  };
}
