import { okxInstFamily, okxInstId } from '../../../exchange/okx/protocol/instruments.ts';
import { type Dec, toWire, ZERO } from '../../../platform/decimal/index.ts';
import type { PositionMode, SimAsset, SimFill, SimOrder, SimPlanOrder, SimPosition } from '../../engine/types.ts';
import type { Candle, ContractSpec, FundingInfo, MarketTrade, OrderBook, Ticker } from '../../market/types.ts';

/**
 * The simulator's objects in OKX's JSON (https://www.okx.com/docs-v5/en/): every number a string,
 * `""` where unset, sizes in contracts. The simulator's contracts are whole (`lotSz` = `minSz` = 1)
 * and `ctVal` is the contract's base size, so engine contracts are OKX contracts unchanged.
 */

const ms = (value: number): string => String(value);
const orEmpty = (value: Dec): string => (value.isZero() ? '' : toWire(value));

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

/** BitMart sides (hedge: 1 open long, 2 close short, 3 close long, 4 open short; one-way: 2 and 3 reduce-only). */
export function okxSideOf(side: 1 | 2 | 3 | 4): 'buy' | 'sell' {
  return side <= 2 ? 'buy' : 'sell';
}

export function okxPosSideOf(side: 1 | 2 | 3 | 4, mode: PositionMode): 'net' | 'long' | 'short' {
  if (mode === 'one_way_mode') return 'net';
  return side === 1 || side === 3 ? 'long' : 'short';
}

function okxOrdTypeOf(order: SimOrder): string {
  if (order.type !== 'limit') return order.mode === 3 ? 'optimal_limit_ioc' : 'market';
  return ({ 1: 'limit', 2: 'fok', 3: 'ioc', 4: 'post_only' } as const)[order.mode];
}

export function okxStateOf(order: SimOrder): 'live' | 'partially_filled' | 'filled' | 'canceled' {
  if (order.state === 4) return order.canceled ? 'canceled' : 'filled';
  return order.dealSize > 0 ? 'partially_filled' : 'live';
}

const PRICE_TYPE = { 1: 'last', 2: 'mark' } as const;

export interface OrderExtras {
  readonly tag: string;
  readonly attachAlgoClOrdId: string;
  /** Total fee paid (positive = paid) and realised PnL of the order's fills. */
  readonly feePaid: Dec;
  readonly pnl: Dec;
}

export function orderRow(order: SimOrder, extras: OrderExtras): Record<string, unknown> {
  const { presetTakeProfit: tp, presetStopLoss: sl } = order;
  const attached =
    tp || sl
      ? [
          {
            attachAlgoId: '',
            attachAlgoClOrdId: extras.attachAlgoClOrdId,
            tpOrdKind: 'condition',
            tpTriggerPx: tp ? toWire(tp.price) : '',
            tpTriggerPxType: tp ? PRICE_TYPE[tp.priceType] : '',
            tpOrdPx: tp ? '-1' : '',
            slTriggerPx: sl ? toWire(sl.price) : '',
            slTriggerPxType: sl ? PRICE_TYPE[sl.priceType] : '',
            slOrdPx: sl ? '-1' : '',
            sz: '',
            failCode: '',
            failReason: '',
            amendPxOnTriggerType: '0',
          },
        ]
      : [];
  const last = order.lastTrade;
  const source = order.planType === undefined ? '' : order.planType === 'plan' ? '6' : '7';
  const category = order.type === 'liquidate' ? 'full_liquidation' : order.type === 'adl' ? 'adl' : 'normal';
  return {
    instType: 'SWAP',
    instId: okxInstId(order.symbol),
    tgtCcy: '',
    ccy: '',
    ordId: order.orderId,
    clOrdId: order.clientOrderId,
    tag: extras.tag,
    px: order.type === 'limit' ? toWire(order.price) : '',
    pxUsd: '',
    pxVol: '',
    pxType: '',
    sz: String(order.size),
    pnl: toWire(extras.pnl),
    ordType: okxOrdTypeOf(order),
    side: okxSideOf(order.side),
    posSide: okxPosSideOf(order.side, order.positionMode),
    tdMode: order.openType,
    accFillSz: String(order.dealSize),
    fillPx: last ? toWire(last.price) : '',
    tradeId: last ? last.tradeId : '',
    fillSz: last ? String(last.size) : '0',
    fillTime: last ? ms(order.updateTime) : '',
    avgPx: order.dealSize > 0 ? toWire(order.dealAvgPrice) : '',
    state: okxStateOf(order),
    stpId: '',
    stpMode: 'cancel_maker',
    lever: toWire(order.leverage),
    attachAlgoClOrdId: extras.attachAlgoClOrdId,
    // The attached TP/SL also fills the top-level fields, where OKX first carried them (and ccxt reads them).
    tpTriggerPx: tp ? toWire(tp.price) : '',
    tpTriggerPxType: tp ? PRICE_TYPE[tp.priceType] : '',
    tpOrdPx: tp ? '-1' : '',
    slTriggerPx: sl ? toWire(sl.price) : '',
    slTriggerPxType: sl ? PRICE_TYPE[sl.priceType] : '',
    slOrdPx: sl ? '-1' : '',
    attachAlgoOrds: attached,
    linkedAlgoOrd: { algoId: '' },
    feeCcy: 'USDT',
    fee: toWire(extras.feePaid.negated()),
    rebateCcy: 'USDT',
    rebate: '0',
    source,
    category,
    reduceOnly: order.positionMode === 'one_way_mode' && (order.side === 2 || order.side === 3) ? 'true' : 'false',
    isTpLimit: 'false',
    cancelSource: '',
    cancelSourceReason: '',
    quickMgnType: '',
    algoClOrdId: '',
    algoId: order.planOrderId,
    tradeQuoteCcy: '',
    uTime: ms(order.updateTime),
    cTime: ms(order.createTime),
  };
}

export function fillRow(
  fill: SimFill,
  order: SimOrder | undefined,
  mode: PositionMode,
  tag: string,
): Record<string, string> {
  return {
    instType: 'SWAP',
    instId: okxInstId(fill.symbol),
    tradeId: fill.tradeId,
    ordId: fill.orderId,
    clOrdId: fill.clientOrderId,
    billId: fill.tradeId,
    subType: okxSideOf(fill.side) === 'buy' ? '1' : '2',
    tag,
    fillPx: toWire(fill.price),
    fillSz: String(fill.size),
    fillIdxPx: '',
    fillPnl: toWire(fill.realizedPnl),
    fillMarkPx: '',
    side: okxSideOf(fill.side),
    posSide: okxPosSideOf(fill.side, order?.positionMode ?? mode),
    execType: fill.role === 'maker' ? 'M' : 'T',
    feeCcy: 'USDT',
    fee: toWire(fill.fee.negated()),
    ts: ms(fill.time),
    fillTime: ms(fill.time),
    tradeQuoteCcy: '',
  };
}

export function positionRow(
  position: SimPosition,
  contract: ContractSpec,
  posId: string,
  closeOrderAlgo: readonly Record<string, string>[],
): Record<string, unknown> {
  const net = position.positionMode === 'one_way_mode';
  const signed = net && position.positionType === 2 ? -position.amount : position.amount;
  const cross = position.openType === 'cross';
  const notional = contract.contractSize.times(position.amount).times(position.markPrice);
  return {
    instType: 'SWAP',
    instId: okxInstId(position.symbol),
    mgnMode: position.openType,
    posId,
    posSide: net ? 'net' : position.positionType === 1 ? 'long' : 'short',
    pos: String(signed),
    baseBal: '',
    quoteBal: '',
    posCcy: '',
    availPos: String(position.amount - position.frozenAmount),
    avgPx: position.amount > 0 ? toWire(position.entryPrice) : '',
    nonSettleAvgPx: '',
    markPx: toWire(position.markPrice),
    upl: toWire(position.unrealizedPnl),
    uplRatio: position.margin.isZero() ? '0' : toWire(position.unrealizedPnl.div(position.margin).toDecimalPlaces(8)),
    uplLastPx: toWire(position.unrealizedPnl),
    lever: toWire(position.leverage),
    liqPx: orEmpty(position.liquidationPrice),
    imr: cross ? toWire(position.margin) : '',
    margin: cross ? '' : toWire(position.margin),
    mgnRatio: '',
    mmr: toWire(position.maintenanceMargin),
    liab: '',
    liabCcy: '',
    interest: '',
    tradeId: '',
    optVal: '',
    notionalUsd: toWire(notional.toDecimalPlaces(8)),
    adl: '1',
    ccy: 'USDT',
    last: toWire(position.markPrice),
    idxPx: toWire(position.markPrice),
    usdPx: '',
    bePx: '',
    realizedPnl: toWire(position.realizedPnl.minus(position.feesPaid)),
    pnl: toWire(position.realizedPnl),
    fee: toWire(position.feesPaid.negated()),
    fundingFee: '0',
    liqPenalty: '0',
    settledPnl: '',
    closeOrderAlgo,
    cTime: ms(position.openTime),
    uTime: ms(position.updateTime),
    pTime: ms(position.updateTime),
  };
}

export function balanceRow(assets: readonly SimAsset[], nowMs: number): Record<string, unknown> {
  const held = assets.filter((asset) => !asset.equity.isZero() || !asset.available.isZero());
  const details = held.map((asset) => ({
    ccy: asset.currency,
    eq: toWire(asset.equity),
    cashBal: toWire(asset.equity.minus(asset.unrealized)),
    uTime: ms(nowMs),
    isoEq: '0',
    availEq: toWire(asset.available),
    disEq: toWire(asset.equity),
    fixedBal: '0',
    availBal: toWire(asset.available),
    frozenBal: toWire(asset.frozen.plus(asset.positionDeposit)),
    ordFrozen: toWire(asset.frozen),
    liab: '0',
    upl: toWire(asset.unrealized),
    uplLiab: '0',
    crossLiab: '0',
    isoLiab: '0',
    mgnRatio: '',
    imr: toWire(asset.positionDeposit),
    mmr: '',
    interest: '0',
    twap: '0',
    maxLoan: '',
    eqUsd: toWire(asset.equity),
    notionalLever: '',
    stgyEq: '0',
    isoUpl: '0',
    borrowFroz: '',
    spotInUseAmt: '',
    rewardBal: '0',
  }));
  const total = assets
    .filter((asset) => asset.currency === 'USDT')
    .reduce((sum, asset) => sum.plus(asset.equity), ZERO);
  return {
    uTime: ms(nowMs),
    totalEq: toWire(total),
    isoEq: '0',
    adjEq: '',
    availEq: '',
    ordFroz: '',
    imr: '',
    mmr: '',
    borrowFroz: '',
    mgnRatio: '',
    notionalUsd: '',
    notionalUsdForBorrow: '',
    notionalUsdForSwap: '',
    notionalUsdForFutures: '',
    notionalUsdForOption: '',
    upl: '',
    details,
  };
}

/** A TP/SL or plan order as an OKX algo order (`conditional` one leg, `oco` both, `trigger`). */
export function algoRow(
  plans: { readonly main: SimPlanOrder; readonly takeProfit?: SimPlanOrder },
  algoClOrdId: string,
  tag: string,
): Record<string, unknown> {
  const { main } = plans;
  const tp = plans.takeProfit ?? (main.type === 'take_profit' ? main : undefined);
  const sl = main.type === 'stop_loss' ? main : undefined;
  const trigger = main.type === 'plan' ? main : undefined;
  const price = (plan: SimPlanOrder | undefined) =>
    plan ? (plan.executivePrice.isZero() ? '-1' : toWire(plan.executivePrice)) : '';
  const ordType = trigger ? 'trigger' : tp && sl ? 'oco' : 'conditional';
  const whole = main.size === 0;
  return {
    instType: 'SWAP',
    instId: okxInstId(main.symbol),
    ccy: '',
    ordId: '',
    ordIdList: [],
    algoId: main.orderId,
    clOrdId: algoClOrdId,
    algoClOrdId,
    sz: whole ? '' : String(main.size),
    closeFraction: whole ? '1' : '',
    ordType,
    side: okxSideOf(main.side),
    posSide: okxPosSideOf(main.side, main.positionMode),
    tdMode: main.openType,
    tgtCcy: '',
    state: main.state === 2 ? 'live' : 'effective',
    lever: toWire(main.leverage),
    tpTriggerPx: tp ? toWire(tp.triggerPrice) : '',
    tpTriggerPxType: tp ? PRICE_TYPE[tp.priceType] : '',
    tpOrdPx: price(tp),
    slTriggerPx: sl ? toWire(sl.triggerPrice) : '',
    slTriggerPxType: sl ? PRICE_TYPE[sl.priceType] : '',
    slOrdPx: price(sl),
    triggerPx: trigger ? toWire(trigger.triggerPrice) : '',
    triggerPxType: trigger ? PRICE_TYPE[trigger.priceType] : '',
    ordPx: price(trigger),
    actualSz: '',
    actualPx: '',
    actualSide: '',
    triggerTime: '',
    reduceOnly: trigger ? 'false' : 'true',
    failCode: '',
    tag,
    attachAlgoOrds: [],
    cTime: ms(main.createTime),
    uTime: ms(main.updateTime),
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
