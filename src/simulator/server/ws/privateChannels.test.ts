import { afterEach, describe, expect, it } from 'vitest';
import { signBitmart, WS_LOGIN_PAYLOAD } from '../../../exchange/bitmart/protocol/signing.ts';
import { Dec, toWire } from '../../../platform/decimal/index.ts';
import type { AccountCredentials } from '../../engine/types.ts';
import { type Harness, startHarness, type TestClient } from './testHarness.ts';

let harness: Harness | undefined;

async function start(options: { positionPushIntervalMs?: number } = {}): Promise<Harness> {
  harness = await startHarness(options);
  return harness;
}

afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

function openAccount(h: Harness, apiKey = 'a1b2c3d4e5f6g7h8i9j0'): AccountCredentials {
  return h.engine.createAccount({
    apiKey,
    apiSecret: `secret-of-${apiKey}`,
    apiMemo: 'memo',
    balanceUsdt: new Dec(10_000),
  });
}

function accessFrame(account: AccountCredentials, timestamp: number) {
  const sign = signBitmart(account, timestamp, WS_LOGIN_PAYLOAD);
  return { action: 'access', args: [account.apiKey, String(timestamp), sign, 'web'] };
}

async function login(h: Harness, client: TestClient, account: AccountCredentials): Promise<void> {
  // bitmart-api signs now + recvWindow (5 s).
  client.send(accessFrame(account, h.clock.now() + 5_000));
  expect((await client.next()).json).toEqual({ action: 'access', success: true });
}

async function subscribe(client: TestClient, ...groups: string[]): Promise<void> {
  client.send({ action: 'subscribe', args: groups });
  for (const group of groups) {
    expect(await client.nextReply('subscribe')).toMatchObject({ group, success: true });
  }
}

function onTick(h: Harness, symbol: string, ratio: string): Dec {
  const tick = h.market.contract(symbol)!.tickSize;
  return h.market.lastPrice(symbol).mul(ratio).div(tick).floor().mul(tick);
}

describe('private futures channels', () => {
  it('refuses a private topic before login, in BitMart words', async () => {
    const h = await start();
    const client = await h.connect('/user');
    client.send({ action: 'subscribe', args: ['futures/order'] });
    expect((await client.next()).json).toEqual({
      action: 'subscribe',
      group: 'futures/order',
      success: false,
      error: 'futures/order need authenication',
    });
    expect(h.stats().subscriptions).toBe(0);
  });

  it('accepts a login signed 5 s ahead of or behind server time', async () => {
    const h = await start();
    const account = openAccount(h);
    const ahead = await h.connect('/user');
    await login(h, ahead, account);
    const behind = await h.connect('/api');
    behind.send(accessFrame(account, h.clock.now() - 5_000));
    expect((await behind.next()).json).toEqual({ action: 'access', success: true });
    await subscribe(behind, 'futures/order');
  });

  it('answers a bad signature with the access error and closes the connection', async () => {
    const h = await start();
    const account = openAccount(h);
    const client = await h.connect('/user');
    const frame = accessFrame(account, h.clock.now());
    frame.args[2] = signBitmart({ apiSecret: 'wrong', apiMemo: 'memo' }, h.clock.now(), WS_LOGIN_PAYLOAD);
    client.send(frame);
    expect((await client.next()).json).toEqual({
      action: 'access',
      success: false,
      error: 'access failed: openapi auth: apiKey a1b2c3d4e5**** failed: openapi auth failed',
    });
    await client.closed;
  });

  it('refuses a login whose timestamp is more than 60 s away, or whose key is unknown', async () => {
    const h = await start();
    const account = openAccount(h);
    const stale = await h.connect('/user');
    stale.send(accessFrame(account, h.clock.now() - 61_000));
    expect((await stale.next()).json).toMatchObject({ action: 'access', success: false });
    await stale.closed;
    const stranger = await h.connect('/user');
    stranger.send(accessFrame({ ...account, apiKey: 'unknown-key' }, h.clock.now()));
    expect((await stranger.next()).json).toMatchObject({
      success: false,
      error: expect.stringContaining('unknown-ke****'),
    });
    await stranger.closed;
  });

  it('pushes the order, then position and balance, when a resting order fills, before the public pushes of that tick', async () => {
    const h = await start();
    const account = openAccount(h);
    const client = await h.connect('/user');
    await login(h, client, account);
    await subscribe(client, 'futures/order', 'futures/position', 'futures/asset:USDT');
    const balance = await client.nextPush('futures/asset:USDT');
    expect(balance.data).toMatchObject({ currency: 'USDT', available_balance: '10000', frozen_balance: '0' });
    await subscribe(client, 'futures/klineBin1m:BTCUSDT');
    await client.drainUntilPong();

    const limit = onTick(h, 'BTCUSDT', '0.99');
    const submitted = h.engine.submitOrder(account.accountId, {
      symbol: 'BTCUSDT',
      side: 1,
      type: 'limit',
      mode: 1,
      size: 2,
      price: limit,
      leverage: new Dec(10),
      openType: 'cross',
      clientOrderId: 'wsTest1',
    });
    expect(submitted.ok).toBe(true);
    const orderId = submitted.ok ? submitted.value.orderId : '';
    const accepted = await client.nextPush('futures/order');
    expect(accepted.data).toEqual([
      {
        action: 2,
        order: expect.objectContaining({ order_id: orderId, client_order_id: 'wsTest1', state: 2, last_trade: null }),
      },
    ]);
    await client.drainUntilPong();

    h.market.setPrice('BTCUSDT', onTick(h, 'BTCUSDT', '0.97'));
    const pushes = (await client.drainUntilPong()).map((message) => message.json ?? {});
    const groups = pushes.map((push) => push.group);
    expect(groups.indexOf('futures/order')).toBeLessThan(groups.indexOf('futures/klineBin1m:BTCUSDT'));
    expect(groups.lastIndexOf('futures/asset:USDT')).toBeLessThan(groups.indexOf('futures/klineBin1m:BTCUSDT'));
    const fills = pushes.filter((push) => push.group === 'futures/order') as {
      data: [{ action: number; order: Record<string, unknown> }];
    }[];
    const last = fills.at(-1)!.data[0];
    expect(last.order).toMatchObject({ order_id: orderId, deal_size: '2', state: 4, position_mode: 'hedge_mode' });
    expect(fills.some((push) => push.data[0].action === 1)).toBe(true);
    expect(fills.find((push) => push.data[0].action === 1)?.data[0].order.last_trade).toMatchObject({
      fillPrice: expect.any(String),
      feeCcy: 'USDT',
    });
    const position = pushes.find((push) => push.group === 'futures/position') as { data: Record<string, unknown>[] };
    expect(position.data).toContainEqual(
      expect.objectContaining({ symbol: 'BTCUSDT', hold_volume: '2', position_type: 1, open_type: 2 }),
    );
    expect(toWire(limit)).toBe(position.data.find((row) => row.hold_volume === '2')?.open_avg_price);
  });

  it('pushes BTC and ETH balances as zeros on subscribe', async () => {
    const h = await start();
    const account = openAccount(h);
    const client = await h.connect('/user');
    await login(h, client, account);
    client.send({ action: 'subscribe', args: ['futures/asset:USDT', 'futures/asset:BTC', 'futures/asset:ETH'] });
    const btc = await client.nextPush('futures/asset:BTC');
    expect(btc.data).toEqual({
      currency: 'BTC',
      available_balance: '0',
      position_deposit: '0',
      frozen_balance: '0',
      equity: '0',
      unrealized: '0',
    });
    expect((await client.nextPush('futures/asset:ETH')).data).toMatchObject({ currency: 'ETH' });
  });

  it('pushes positions every 10 s to subscribed connections', async () => {
    const h = await start();
    const account = openAccount(h);
    const client = await h.connect('/user');
    await login(h, client, account);
    await subscribe(client, 'futures/position');
    h.engine.submitOrder(account.accountId, { symbol: 'ETHUSDT', side: 4, type: 'market', mode: 1, size: 3 });
    await client.nextPush('futures/position');
    h.clock.advance(10_000);
    const timed = await client.nextPush('futures/position');
    expect(timed.data).toContainEqual(
      expect.objectContaining({ symbol: 'ETHUSDT', hold_volume: '3', position_type: 2 }),
    );
  });

  it('sends an account’s pushes to its own connections only', async () => {
    const h = await start();
    const owner = openAccount(h, 'owner-key-0001');
    const other = openAccount(h, 'other-key-0002');
    const mine = await h.connect('/user');
    const theirs = await h.connect('/user');
    await login(h, mine, owner);
    await login(h, theirs, other);
    await subscribe(mine, 'futures/order');
    await subscribe(theirs, 'futures/order');
    h.engine.submitOrder(owner.accountId, { symbol: 'BTCUSDT', side: 1, type: 'market', mode: 1, size: 1 });
    expect((await mine.nextPush('futures/order')).data).toMatchObject([{ action: 2 }]);
    expect(await theirs.drainUntilPong()).toEqual([]);
  });
});
