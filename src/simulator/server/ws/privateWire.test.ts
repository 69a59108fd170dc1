import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Dec } from '../../../platform/decimal/index.ts';
import type { SimOrder, SimPosition } from '../../engine/types.ts';
import { assetData, orderData, positionData, zeroAssetData } from './privateWire.ts';

function fixture(name: string): { data: unknown } {
  const url = new URL(`../../../exchange/bitmart/fixtures/${name}`, import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')) as { data: unknown };
}

function shapeOf(value: unknown): Record<string, string> {
  const shape: Record<string, string> = {};
  for (const [key, field] of Object.entries(value as Record<string, unknown>)) {
    shape[key] = field === null ? 'null' : Array.isArray(field) ? 'array' : typeof field;
  }
  return shape;
}

const order: SimOrder = {
  orderId: '2312045036986775',
  clientOrderId: '',
  symbol: 'LTCUSDT',
  side: 4,
  type: 'market',
  mode: 1,
  price: new Dec('71.61707928'),
  size: 1,
  dealSize: 0,
  dealAvgPrice: new Dec(0),
  leverage: new Dec(1),
  openType: 'cross',
  state: 1,
  canceled: false,
  positionMode: 'hedge_mode',
  presetTakeProfit: undefined,
  presetStopLoss: undefined,
  planOrderId: '',
  planType: undefined,
  lastTrade: undefined,
  createTime: 1701625324646,
  updateTime: 1701625324640,
  arrivalMicros: 0,
};

const position: SimPosition = {
  symbol: 'LTCUSDT',
  positionType: 2,
  positionSide: 'short',
  positionMode: 'hedge_mode',
  amount: 5,
  frozenAmount: 0,
  entryPrice: new Dec('71.582'),
  leverage: new Dec(1),
  openType: 'cross',
  margin: new Dec('357.91'),
  maintenanceMargin: new Dec('1'),
  markPrice: new Dec('71.6'),
  unrealizedPnl: new Dec('-0.09'),
  realizedPnl: new Dec(0),
  feesPaid: new Dec(0),
  closedVolume: 0,
  closeAvgPrice: new Dec(0),
  liquidationPrice: new Dec(0),
  openTime: 1701623327513,
  updateTime: 1701627620439,
};

describe('private push mappers', () => {
  it('maps an accepted order to the recorded futures/order element', () => {
    const [recorded] = fixture('ws.futures.order.ccxt-comment.json').data as [{ action: number; order: object }];
    const [pushed] = orderData(2, order);
    expect(pushed?.action).toBe(2);
    expect(shapeOf(pushed?.order)).toMatchObject(shapeOf(recorded.order));
    expect(pushed?.order).toMatchObject(recorded.order);
    expect(pushed?.order).toMatchObject({ trigger_price: '-', callback_rate: '-', position_mode: 'hedge_mode' });
  });

  it('pushes an order a plan submitted with the WS type of its plan, and its plan order id', () => {
    const pushed = (planType: SimOrder['planType']) =>
      orderData(2, { ...order, planOrderId: '2312045036986700', planType })[0]?.order;
    expect(pushed('stop_loss')).toMatchObject({ type: 'stop_loss', plan_order_id: '2312045036986700' });
    expect(pushed('take_profit')).toMatchObject({ type: 'take_profit' });
    expect(pushed('plan')).toMatchObject({ type: 'plan_order' });
    expect(orderData(2, order)[0]?.order).toMatchObject({ type: 'market', plan_order_id: '' });
  });

  it('describes the last fill of an order in last_trade, with a numeric trade id', () => {
    const filled = {
      ...order,
      lastTrade: { tradeId: '1247592391', size: 1, price: new Dec('25667.2'), fee: new Dec('0.00027') },
    };
    expect(orderData(1, filled)[0]?.order.last_trade).toEqual({
      lastTradeID: 1247592391,
      fillQty: '1',
      fillPrice: '25667.2',
      fee: '0.00027',
      feeCcy: 'USDT',
    });
  });

  it('maps positions to the recorded futures/position rows, open_type as an int', () => {
    const [recorded] = fixture('ws.futures.position.ccxt-comment.json').data as [object];
    const [pushed] = positionData([position]);
    expect(pushed).toMatchObject(recorded);
    expect(pushed).toMatchObject({ open_type: 2, position_mode: 'hedge_mode' });
    expect(positionData([{ ...position, openType: 'isolated' }])[0]?.open_type).toBe(1);
  });

  it('maps a balance to the recorded futures/asset object', () => {
    const recorded = fixture('ws.futures.asset.USDT.ccxt-comment.json').data as object;
    const data = assetData({
      currency: 'USDT',
      available: new Dec('37.19688649135'),
      positionDeposit: new Dec('0.788687546'),
      frozen: new Dec(0),
      unrealized: new Dec(0),
      equity: new Dec('37.98557403735'),
    });
    expect(data).toMatchObject(recorded);
    expect(shapeOf(zeroAssetData('BTC'))).toEqual(shapeOf(data));
  });
});
