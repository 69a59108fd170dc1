import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signBitmart } from '../../exchange/bitmart/protocol/signing.ts';
import { createServerTestKit, type ServerTestKit } from './serverTestKit.ts';

const ORDER = {
  symbol: 'BTCUSDT',
  side: 1,
  type: 'limit',
  price: '50000',
  size: 1,
  leverage: '10',
  open_type: 'cross',
};
const SUBMIT = '/contract/private/submit-order';

describe('authentication of SIGNED POSTs', () => {
  let kit: ServerTestKit;
  beforeEach(async () => {
    kit = await createServerTestKit();
  });
  afterEach(async () => kit.close());

  async function expectRefusedWithoutEffect(
    headers: Record<string, string | null>,
    code: number,
    rawBody?: string,
  ): Promise<void> {
    const before = JSON.stringify(kit.engine.state());
    const response = await kit.signedPost(SUBMIT, ORDER, { headers, ...(rawBody && { rawBody }) });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ code, data: {} });
    expect(JSON.stringify(kit.engine.state())).toBe(before);
  }

  it('accepts a correctly signed order', async () => {
    const response = await kit.signedPost(SUBMIT, ORDER);
    expect(response.json()).toMatchObject({ code: 1000, data: { order_id: expect.any(Number), price: '50000' } });
  });

  it('refuses a missing X-BM-KEY with 30001', () => expectRefusedWithoutEffect({ 'x-bm-key': null }, 30001));
  it('refuses an unknown X-BM-KEY with 30002', () => expectRefusedWithoutEffect({ 'x-bm-key': 'nobody' }, 30002));
  it('refuses a missing X-BM-TIMESTAMP with 30006', () =>
    expectRefusedWithoutEffect({ 'x-bm-timestamp': null }, 30006));
  it('refuses a non-integer X-BM-TIMESTAMP with 30006', () =>
    expectRefusedWithoutEffect({ 'x-bm-timestamp': 'yesterday' }, 30006));
  it('refuses a timestamp in seconds with 30008', () =>
    expectRefusedWithoutEffect({ 'x-bm-timestamp': String(Math.floor(kit.clock.now() / 1000)) }, 30008));
  it('refuses a timestamp more than 60 s old with 30007', () =>
    expectRefusedWithoutEffect({ 'x-bm-timestamp': String(kit.clock.now() - 61_000) }, 30007));
  it('refuses a timestamp more than 60 s ahead with 30007', () =>
    expectRefusedWithoutEffect({ 'x-bm-timestamp': String(kit.clock.now() + 61_000) }, 30007));
  it('refuses a missing X-BM-SIGN with 30004', () => expectRefusedWithoutEffect({ 'x-bm-sign': null }, 30004));
  it('refuses a wrong X-BM-SIGN with 30005', () => expectRefusedWithoutEffect({ 'x-bm-sign': 'ab'.repeat(32) }, 30005));

  it('refuses a body altered after signing with 30005', async () => {
    const signed = JSON.stringify(ORDER);
    const sign = signBitmart(kit.account, kit.clock.now(), signed);
    await expectRefusedWithoutEffect({ 'x-bm-sign': sign }, 30005, JSON.stringify({ ...ORDER, size: 2 }));
  });

  it('verifies the raw body bytes, not a re-serialisation of them', async () => {
    const raw = '{ "recvWindow": 5000,\n  "symbol": "BTCUSDT", "side": 1, "price": "50000", "size": 1 }';
    const response = await kit.signedPost(SUBMIT, undefined, { rawBody: raw });
    expect(response.json()).toMatchObject({ code: 1000 });
  });

  it('accepts a timestamp 59 s in the future, as bitmart-api sends ahead of time', async () => {
    const timestamp = String(kit.clock.now() + 59_000);
    const response = await kit.signedPost(SUBMIT, ORDER, { headers: { 'x-bm-timestamp': timestamp } });
    expect(response.json().code).toBe(1000);
  });
});

describe('authentication of KEYED GETs', () => {
  let kit: ServerTestKit;
  beforeEach(async () => {
    kit = await createServerTestKit();
  });
  afterEach(async () => kit.close());

  it('refuses a missing key with 30001 and an unknown key with 30002', async () => {
    const missing = await kit.app.inject({ method: 'GET', url: '/contract/private/assets-detail' });
    expect(missing.statusCode).toBe(401);
    expect(missing.json().code).toBe(30001);
    const unknown = await kit.keyedGet('/contract/private/assets-detail', 'nobody');
    expect(unknown.json().code).toBe(30002);
  });

  it('accepts a GET signed the bitmart-api way (leading "?", recvWindow appended) without checking the signature', async () => {
    const query = 'recvWindow=5000';
    const timestamp = String(kit.clock.now());
    const response = await kit.app.inject({
      method: 'GET',
      url: `/contract/private/assets-detail?${query}`,
      headers: {
        'content-type': 'application/json',
        'x-bm-key': kit.account.apiKey,
        'x-bm-timestamp': timestamp,
        'x-bm-sign': signBitmart(kit.account, timestamp, `?${query}`),
      },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ code: 1000, message: 'Ok' });
  });

  it('ignores a stale timestamp and a garbage signature on KEYED endpoints', async () => {
    const response = await kit.app.inject({
      method: 'GET',
      url: '/contract/private/get-position-mode',
      headers: { 'x-bm-key': kit.account.apiKey, 'x-bm-timestamp': '1', 'x-bm-sign': 'nonsense' },
    });
    expect(response.json()).toMatchObject({ code: 1000, data: { position_mode: expect.any(String) } });
  });
});
