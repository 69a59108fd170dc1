import { describe, expect, it } from 'vitest';
import {
  BITMART_REST_RESPONSE_SCHEMAS,
  BitmartErrorEnvelopeSchema,
  BitmartOrderSchema,
  BitmartWsClientMessageSchema,
  BitmartWsKlinePushSchema,
  BitmartWsPositionSchema,
  BitmartWsSubscriptionAckSchema,
  bitmartDecimal,
  bitmartDecimalOrDash,
  bitmartDecimalOrEmpty,
  bitmartRestResponseSchemaFor,
  bitmartWsPushSchemaFor,
} from './index.ts';

/** Each test breaks one protocol rule of docs/reference/bitmart-wire.md that a real client depends on. */

function restSchema(path: string) {
  const schema = BITMART_REST_RESPONSE_SCHEMAS[path];
  if (schema === undefined) throw new Error(`no schema for ${path}`);
  return schema;
}

const limitOrder = {
  order_id: '230927283405028',
  client_order_id: '',
  price: '23000',
  size: '1',
  symbol: 'BTCUSDT',
  state: 2,
  side: 1,
  type: 'limit',
  leverage: '10',
  open_type: 'isolated',
  deal_avg_price: '0',
  deal_size: '0',
  create_time: 1695783433600,
  update_time: 1695783433613,
};

describe('REST envelopes', () => {
  const submitOrder = restSchema('/contract/private/submit-order');

  it('accept a submit-order response whose order_id is a number', () => {
    const body = { code: 1000, message: 'Ok', data: { order_id: 231116359426639, price: '25000.5' } };
    expect(submitOrder.safeParse(body).success).toBe(true);
  });

  it('reject a submit-order response whose order_id is a string, since submit-order returns a number', () => {
    const body = { code: 1000, message: 'Ok', data: { order_id: '231116359426639', price: 'market price' } };
    expect(submitOrder.safeParse(body).success).toBe(false);
  });

  it('reject an order detail whose order_id is a number, since order queries return strings', () => {
    expect(BitmartOrderSchema.safeParse({ ...limitOrder, order_id: 230927283405028 }).success).toBe(false);
  });

  it('reject a price given as a JS number where BitMart sends a decimal string', () => {
    expect(BitmartOrderSchema.safeParse(limitOrder).success).toBe(true);
    expect(BitmartOrderSchema.safeParse({ ...limitOrder, price: 23000 }).success).toBe(false);
  });

  it('reject order state 3, which BitMart never sends', () => {
    expect(BitmartOrderSchema.safeParse({ ...limitOrder, state: 3 }).success).toBe(false);
  });

  it('reject a success whose code is the string "1000", which bitmart-api would treat as an error', () => {
    const body = { code: '1000', message: 'Ok', data: { server_time: 1599843709578 } };
    expect(restSchema('/system/time').safeParse(body).success).toBe(false);
  });

  it('reject a success whose message is not ok, which ccxt would throw on', () => {
    const body = { code: 1000, message: 'done', data: { server_time: 1599843709578 } };
    expect(restSchema('/system/time').safeParse(body).success).toBe(false);
  });

  it('reject a REST kline stamped in milliseconds, since candle times are seconds', () => {
    const candle = {
      timestamp: 1747267200000,
      open_price: '1',
      high_price: '1',
      low_price: '1',
      close_price: '1',
      volume: '1',
    };
    const body = { code: 1000, message: 'Ok', data: [candle] };
    expect(restSchema('/contract/public/kline').safeParse(body).success).toBe(false);
    expect(
      restSchema('/contract/public/kline').safeParse({ ...body, data: [{ ...candle, timestamp: 1747267200 }] }).success,
    ).toBe(true);
  });

  it('accept a cancel-order response with or without a data object', () => {
    const cancel = restSchema('/contract/private/cancel-order');
    expect(cancel.safeParse({ code: 1000, message: 'Ok', trace: 'x' }).success).toBe(true);
    expect(cancel.safeParse({ code: 1000, message: 'Ok', data: {} }).success).toBe(true);
  });

  it('refuse code 1000 in an error envelope', () => {
    expect(BitmartErrorEnvelopeSchema.safeParse({ code: 40040, message: 'Invalid Leverage' }).success).toBe(true);
    expect(BitmartErrorEnvelopeSchema.safeParse({ code: 1000, message: 'Ok' }).success).toBe(false);
  });

  it('are found by path with or without a leading slash and query string', () => {
    expect(bitmartRestResponseSchemaFor('contract/private/order?symbol=BTCUSDT&order_id=1')).toBe(
      restSchema('/contract/private/order'),
    );
    expect(bitmartRestResponseSchemaFor('/contract/private/nope')).toBeUndefined();
  });
});

describe('decimal strings', () => {
  it('accept plain decimals, signed or not', () => {
    for (const value of ['0', '-0.0000238', '265231.721368593081729069']) {
      expect(bitmartDecimal.safeParse(value).success).toBe(true);
    }
  });

  it('reject numbers, exponents, NaN and blanks', () => {
    for (const value of [0.1, '1e-8', 'NaN', 'Infinity', '', ' 1', '1.', '.5', 'market price']) {
      expect(bitmartDecimal.safeParse(value).success).toBe(false);
    }
  });

  it('allow "" only where REST leaves a price unset and "-" only where the order push does', () => {
    expect(bitmartDecimalOrEmpty.safeParse('').success).toBe(true);
    expect(bitmartDecimalOrEmpty.safeParse('-').success).toBe(false);
    expect(bitmartDecimalOrDash.safeParse('-').success).toBe(true);
    expect(bitmartDecimalOrDash.safeParse('').success).toBe(false);
  });
});

describe('WS messages', () => {
  const candle = { o: '1.1517', h: '1.158', l: '1.1509', c: '1.157', v: '29572', ts: 1747425900 };

  it('reject a kline push without items, the outdated flat form of the docs', () => {
    const flat = { group: 'futures/klineBin5m:WLDUSDT', data: { symbol: 'WLDUSDT', ...candle } };
    expect(BitmartWsKlinePushSchema.safeParse(flat).success).toBe(false);
    const wrapped = { group: 'futures/klineBin5m:WLDUSDT', data: { symbol: 'WLDUSDT', items: [candle] } };
    expect(BitmartWsKlinePushSchema.safeParse(wrapped).success).toBe(true);
  });

  it('reject an ack that carries a data key, which ccxt would route as a push', () => {
    const ack = {
      action: 'subscribe',
      group: 'futures/trade:BTCUSDT',
      success: true,
      request: { action: 'subscribe', args: ['futures/trade:BTCUSDT'] },
    };
    expect(BitmartWsSubscriptionAckSchema.safeParse(ack).success).toBe(true);
    expect(BitmartWsSubscriptionAckSchema.safeParse({ ...ack, data: {} }).success).toBe(false);
  });

  it('reject a position push whose open_type is the REST string instead of the int', () => {
    const position = {
      symbol: 'LTCUSDT',
      hold_volume: '5',
      position_type: 2,
      open_type: 2,
      frozen_volume: '0',
      close_volume: '0',
      hold_avg_price: '71.582',
      close_avg_price: '0',
      open_avg_price: '71.582',
      liquidate_price: '0',
      create_time: 1701623327513,
      update_time: 1701627620439,
    };
    expect(BitmartWsPositionSchema.safeParse(position).success).toBe(true);
    expect(BitmartWsPositionSchema.safeParse({ ...position, open_type: 'cross' }).success).toBe(false);
  });

  it('reject a login whose timestamp is a number, since clients send it as a string', () => {
    const sign = '3ceeb7e1b8cb165a975e28a2e2dfaca4d30b358873c0351c1a071d8c83314556';
    const login = (timestamp: unknown) => ({ action: 'access', args: ['key', timestamp, sign, 'web'] });
    expect(BitmartWsClientMessageSchema.safeParse(login('1589267764859')).success).toBe(true);
    expect(BitmartWsClientMessageSchema.safeParse(login(1589267764859)).success).toBe(false);
  });

  it('reject client frames with unknown keys or no topics', () => {
    const subscribe = { action: 'subscribe', args: ['futures/ticker:BTCUSDT'] };
    expect(BitmartWsClientMessageSchema.safeParse(subscribe).success).toBe(true);
    expect(BitmartWsClientMessageSchema.safeParse({ ...subscribe, id: 1 }).success).toBe(false);
    expect(BitmartWsClientMessageSchema.safeParse({ action: 'subscribe', args: [] }).success).toBe(false);
  });

  it('choose the push schema by channel, ignoring the filter and the speed suffix', () => {
    expect(bitmartWsPushSchemaFor('futures/ticker:ETHUSDT@100ms')).toBe(bitmartWsPushSchemaFor('futures/ticker'));
    expect(bitmartWsPushSchemaFor('futures/depthAll20:BTCUSDT@200ms')).not.toBe(
      bitmartWsPushSchemaFor('futures/depth20:BTCUSDT'),
    );
    expect(bitmartWsPushSchemaFor('futures/klineBin1H:BTCUSDT')).toBe(BitmartWsKlinePushSchema);
    expect(bitmartWsPushSchemaFor('futures/asset:BTC')).toBeDefined();
    expect(bitmartWsPushSchemaFor('sfutures/depth50:BTCUSDT')).toBeUndefined();
  });
});
