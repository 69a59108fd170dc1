import { okxInstFamily, okxInstId } from '../../../../exchange/okx/protocol/instruments.ts';
import { type Dec, toWire } from '../../../../platform/decimal/index.ts';
import type { Candle, ContractSpec, FundingInfo, MarketTrade, OrderBook, Ticker } from '../../../market/types.ts';
import { ms } from './fields.ts';

/** The market's public objects as OKX's public REST rows and WS pushes (conventions: fields.ts). */

export function instrumentRow(contract: ContractSpec, index: number): Record<string, unknown> {
  const instId = okxInstId(contract.symbol);
  const family = okxInstFamily(instId);
  return {
    alias: '',
    auctionEndTime: '',
    baseCcy: '',
    category: '1',
    contTdSwTime: '',
    ctMult: '1',
    ctType: 'linear',
    ctVal: toWire(contract.contractSize),
    ctValCcy: contract.baseCurrency,
    expTime: '',
    futureSettlement: false,
    instFamily: family,
    instId,
    instIdCode: 10_000 + index,
    instType: 'SWAP',
    lever: String(contract.maxLeverage),
    listTime: ms(contract.openTimestamp),
    lotSz: '1',
    maxIcebergSz: String(contract.maxVolume),
    maxLmtAmt: '20000000',
    maxLmtSz: String(contract.maxVolume),
    maxMktAmt: '',
    maxMktSz: String(contract.marketMaxVolume),
    maxStopSz: String(contract.marketMaxVolume),
    maxTriggerSz: String(contract.maxVolume),
    maxTwapSz: String(contract.maxVolume),
    minSz: String(contract.minVolume),
    openType: '',
    optType: '',
    quoteCcy: '',
    ruleType: 'normal',
    settleCcy: contract.quoteCurrency,
    state: 'live',
    stk: '',
    tickSz: toWire(contract.tickSize),
    tradeQuoteCcyList: [],
    uly: family,
  };
}

export function tickerRow(contract: ContractSpec, ticker: Ticker, nowMs: number): Record<string, string> {
  const open24h = ticker.lastPrice.div(ticker.change24h.plus(1)).toDecimalPlaces(contract.tickSize.decimalPlaces());
  return {
    instType: 'SWAP',
    instId: okxInstId(contract.symbol),
    last: toWire(ticker.lastPrice),
    lastSz: '1',
    askPx: toWire(ticker.bestAsk.price),
    askSz: String(ticker.bestAsk.size),
    bidPx: toWire(ticker.bestBid.price),
    bidSz: String(ticker.bestBid.size),
    open24h: toWire(open24h),
    high24h: toWire(ticker.high24h),
    low24h: toWire(ticker.low24h),
    volCcy24h: toWire(contract.contractSize.times(ticker.volume24h)),
    vol24h: String(ticker.volume24h),
    sodUtc0: toWire(open24h),
    sodUtc8: toWire(open24h),
    ts: ms(nowMs),
  };
}

export function bookRow(book: OrderBook): Record<string, unknown> {
  const level = (side: OrderBook['bids'][number]) => [toWire(side.price), String(side.size), '0', '1'];
  return { asks: book.asks.map(level), bids: book.bids.map(level), ts: ms(book.time) };
}

export function candleRow(contract: ContractSpec, candle: Candle, confirmed: boolean): string[] {
  const volCcy = contract.contractSize.times(candle.volume);
  return [
    ms(candle.openTime * 1_000),
    toWire(candle.open),
    toWire(candle.high),
    toWire(candle.low),
    toWire(candle.close),
    String(candle.volume),
    toWire(volCcy),
    toWire(volCcy.times(candle.close).toDecimalPlaces(8)),
    confirmed ? '1' : '0',
  ];
}

export function markPriceRow(symbol: string, markPrice: Dec, nowMs: number): Record<string, string> {
  return { instType: 'SWAP', instId: okxInstId(symbol), markPx: toWire(markPrice), ts: ms(nowMs) };
}

export function fundingRow(contract: ContractSpec, funding: FundingInfo, nowMs: number): Record<string, string> {
  const intervalMs = contract.fundingIntervalHours * 3_600_000;
  return {
    instType: 'SWAP',
    instId: okxInstId(contract.symbol),
    method: 'current_period',
    formulaType: 'noRate',
    fundingRate: toWire(funding.expectedRate),
    nextFundingRate: '',
    fundingTime: ms(funding.nextFundingTime),
    nextFundingTime: ms(funding.nextFundingTime + intervalMs),
    minFundingRate: toWire(funding.lowerLimit),
    maxFundingRate: toWire(funding.upperLimit),
    interestRate: '0.0001',
    impactValue: '',
    premium: '0',
    settState: 'settled',
    settFundingRate: toWire(funding.rate),
    sodUtc0: '',
    ts: ms(nowMs),
  };
}

/**
 * A crowd trade → the WS `trades` push row (https://www.okx.com/docs-v5/en/#order-book-trading-market-data-ws-trades-channel):
 * `side` is the taker's, `sz` contracts, `count` 1 (the market prints trades one by one).
 */
export function tradeRow(trade: MarketTrade): Record<string, string> {
  return {
    instId: okxInstId(trade.symbol),
    tradeId: trade.tradeId,
    px: toWire(trade.price),
    sz: String(trade.size),
    side: trade.buyerIsMaker ? 'sell' : 'buy',
    ts: String(trade.time),
    count: '1',
    source: '0',
  };
}
