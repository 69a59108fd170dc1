import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBitmartFixture } from '../../../exchange/bitmart/fixtures/index.ts';
import { bitmartRestResponseSchemaFor } from '../../../exchange/bitmart/protocol/wire/index.ts';
import { createServerTestKit, ORDER_VISIBILITY_MS, type ServerTestKit } from '../serverTestKit.ts';

/**
 * The simulator's REST payloads against BitMart's recorded ones (src/exchange/bitmart/fixtures/README.md): every field
 * of a real payload must be present in ours with the same JSON type (strings for numbers,
 * numbers for enums and times). Values differ, of course.
 */
function jsonType(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
}

function expectSameShape(ours: unknown, theirs: unknown, path: string): void {
  expect(jsonType(ours), path).toBe(jsonType(theirs));
  if (Array.isArray(theirs) && theirs.length > 0) {
    expect((ours as unknown[]).length, `${path} is empty`).toBeGreaterThan(0);
    expectSameShape((ours as unknown[])[0], theirs[0], `${path}[0]`);
  } else if (jsonType(theirs) === 'object') {
    for (const [key, value] of Object.entries(theirs as Record<string, unknown>)) {
      expect(ours, `${path} lacks ${key}`).toHaveProperty(key);
      expectSameShape((ours as Record<string, unknown>)[key], value, `${path}.${key}`);
    }
  }
}

const FIXTURE_REQUESTS: readonly [fixture: string, method: 'GET' | 'POST', path: string, body?: object][] = [
  ['rest.system.time.ccxt-comment.json', 'GET', '/system/time'],
  ['rest.contract.public.details.ccxt-comment.json', 'GET', '/contract/public/details?symbol=BTCUSDT'],
  ['rest.contract.public.depth.ccxt-comment.json', 'GET', '/contract/public/depth?symbol=BTCUSDT'],
  [
    'rest.contract.public.kline.BTCUSDT-5m.hummingbot.json',
    'GET',
    '/contract/public/kline?symbol=BTCUSDT&step=5&start_time={from}&end_time={to}',
  ],
  [
    'rest.contract.public.kline.ccxt-comment.json',
    'GET',
    '/contract/public/kline?symbol=BTCUSDT&step=1&start_time={from}&end_time={to}',
  ],
  ['rest.contract.public.funding-rate.ccxt-comment.json', 'GET', '/contract/public/funding-rate?symbol=BTCUSDT'],
  ['rest.contract.public.open-interest.ccxt-comment.json', 'GET', '/contract/public/open-interest?symbol=BTCUSDT'],
  ['rest.contract.public.market-trade.docs.json', 'GET', '/contract/public/market-trade?symbol=BTCUSDT'],
  ['rest.contract.private.assets-detail.ccxt-comment.json', 'GET', '/contract/private/assets-detail'],
  ['rest.contract.private.position.ccxt-comment.json', 'GET', '/contract/private/position?symbol=BTCUSDT'],
  ['rest.contract.private.position-v2.one-way.docs.json', 'GET', '/contract/private/position-v2?symbol=BTCUSDT'],
  ['rest.contract.private.position-v2.hedge.docs.json', 'GET', '/contract/private/position-v2'],
  ['rest.contract.private.order.ccxt-comment.json', 'GET', '/contract/private/order?symbol=BTCUSDT&order_id={limitId}'],
  [
    'rest.contract.private.get-open-orders.ccxt-comment.json',
    'GET',
    '/contract/private/get-open-orders?symbol=BTCUSDT',
  ],
  [
    'rest.contract.private.order-history.liquidate.ccxt-comment.json',
    'GET',
    '/contract/private/order-history?symbol=BTCUSDT',
  ],
  [
    'rest.contract.private.order-history.plan-executed.docs.json',
    'GET',
    '/contract/private/order-history?symbol=BTCUSDT',
  ],
  ['rest.contract.private.trades.ccxt-comment.json', 'GET', '/contract/private/trades?symbol=BTCUSDT'],
  ['rest.contract.private.transaction-history.ccxt-comment.json', 'GET', '/contract/private/transaction-history'],
  ['rest.contract.private.get-position-mode.hummingbot.json', 'GET', '/contract/private/get-position-mode'],
  [
    'rest.contract.private.submit-order.market.ccxt-comment.json',
    'POST',
    '/contract/private/submit-order',
    { symbol: 'ETHUSDT', side: 1, type: 'market', size: 1, leverage: '5', open_type: 'cross' },
  ],
  [
    'rest.account.v1.transfer-contract.ccxt-comment.json',
    'POST',
    '/account/v1/transfer-contract',
    { amount: '5', type: 'contract_to_spot' },
  ],
  ['rest.account.v1.transfer-contract-list.ccxt-comment.json', 'POST', '/account/v1/transfer-contract-list', {}],
];

describe('REST payloads have the shape of the recorded BitMart payloads', () => {
  let kit: ServerTestKit;
  const values: Record<string, string> = {};

  beforeAll(async () => {
    kit = await createServerTestKit();
    kit.market.start();
    kit.clock.advance(30_000);
    const signed = (path: string, body: object) => kit.signedPost(path, body);
    const order = { symbol: 'BTCUSDT', leverage: '10', open_type: 'cross' };
    await signed('/contract/private/submit-order', { ...order, side: 1, type: 'market', size: 2 });
    await signed('/contract/private/submit-order', { ...order, side: 3, type: 'market', size: 1 });
    const limit = await signed('/contract/private/submit-order', { ...order, side: 1, price: '50000', size: 1 });
    values.limitId = String(limit.json().data.order_id);
    await signed('/account/v1/transfer-contract', { amount: '5', type: 'spot_to_contract' });
    kit.clock.advance(ORDER_VISIBILITY_MS + 2_000);
    values.to = String(Math.floor(kit.clock.now() / 1000));
    values.from = String(Number(values.to) - 3_600);
  });
  afterAll(async () => kit.close());

  it.each(FIXTURE_REQUESTS)('%s', async (fixture, method, pathTemplate, body) => {
    const url = pathTemplate.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? '');
    const response = method === 'GET' ? await kit.keyedGet(url) : await kit.signedPost(url, body ?? {});
    const ours = response.json();
    expect(ours.code, response.body).toBe(1000);
    const theirs = readBitmartFixture(fixture) as { data: unknown; trace?: string };
    expectSameShape(ours.data, theirs.data, 'data');
    expectValidAgainstWireSchema(url, ours);
  });

  // Endpoints with no recorded payload still answer what the client's wire schemas accept.
  it.each([
    ['GET', '/contract/public/markprice-kline?symbol=BTCUSDT&step=15&start_time={from}&end_time={to}'],
    ['GET', '/contract/public/funding-rate-history?symbol=BTCUSDT&limit=5'],
    ['GET', '/contract/public/leverage-bracket?symbol=BTCUSDT'],
    ['GET', '/contract/private/position-risk?symbol=BTCUSDT'],
    ['GET', '/contract/private/trade-fee-rate?symbol=BTCUSDT'],
    ['GET', '/contract/private/current-plan-order?symbol=BTCUSDT'],
    ['POST', '/contract/private/submit-leverage', { symbol: 'BTCUSDT', leverage: '10', open_type: 'cross' }],
    ['POST', '/contract/private/modify-limit-order', { symbol: 'BTCUSDT', order_id: '{limitId}', price: '50001' }],
    ['POST', '/contract/private/cancel-all-after', { symbol: 'BTCUSDT', timeout: 60 }],
    [
      'POST',
      '/contract/private/submit-plan-order',
      {
        symbol: 'BTCUSDT',
        side: 1,
        type: 'market',
        leverage: '10',
        open_type: 'cross',
        size: 1,
        trigger_price: '200000',
        price_way: 1,
        price_type: 1,
      },
    ],
    [
      'POST',
      '/contract/private/submit-tp-sl-order',
      { symbol: 'BTCUSDT', type: 'take_profit', side: 3, trigger_price: '200000', executive_price: '0', price_type: 1 },
    ],
    ['POST', '/contract/private/cancel-order', { symbol: 'BTCUSDT', order_id: '{limitId}' }],
    ['POST', '/contract/private/cancel-orders', { symbol: 'BTCUSDT' }],
  ] as const)('%s %s validates against the wire schema', async (method, pathTemplate, body?: object) => {
    const fill = (text: string): string => text.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? '');
    const url = fill(pathTemplate);
    const payload = body ? (JSON.parse(fill(JSON.stringify(body))) as object) : {};
    const response = method === 'GET' ? await kit.keyedGet(url) : await kit.signedPost(url, payload);
    expect(response.json().code, response.body).toBe(1000);
    expectValidAgainstWireSchema(url, response.json());
  });
});

function expectValidAgainstWireSchema(url: string, body: unknown): void {
  const schema = bitmartRestResponseSchemaFor(url);
  expect(schema, `no wire schema for ${url}`).toBeDefined();
  const result = schema!.safeParse(body);
  expect(result.success, `${url}: ${JSON.stringify(result.error?.issues.slice(0, 3))}`).toBe(true);
}
