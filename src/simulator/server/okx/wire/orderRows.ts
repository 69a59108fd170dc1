import { okxInstId } from '../../../../exchange/okx/protocol/instruments.ts';
import { type Dec, toWire } from '../../../../platform/decimal/index.ts';
import type { PositionMode, SimFill, SimOrder, SimPlanOrder } from '../../../engine/types.ts';
import { ms } from './fields.ts';

/** The engine's orders, fills and TP/SL or plan orders as OKX's trade and algo rows (conventions: fields.ts). */

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
