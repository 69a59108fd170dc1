import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startTestSimulator } from '../../../../test/support/testSimulator.ts';
import { waitFor } from '../../../../test/support/waitFor.ts';
import { okxBookChecksum } from '../../../exchange/okx/protocol/bookChecksum.ts';
import { okxTimestamp, signOkx, signOkxWsLogin } from '../../../exchange/okx/protocol/signing.ts';
import { OkxBillSchema, OkxWsTradeSchema } from '../../../exchange/okx/protocol/wire/index.ts';
import { ManualClock } from '../../../platform/clock/index.ts';
import { Dec } from '../../../platform/decimal/index.ts';
import type { Simulator } from '../../main.ts';

// The OKX face over the wire, the refusals and edges the conformance clients do not reach.
let simulator: Simulator | undefined;
const clock = new ManualClock(Date.UTC(2026, 5, 1));

afterEach(async () => {
  await simulator?.stop();
  simulator = undefined;
});

async function start(env: Record<string, string> = {}): Promise<Simulator> {
  simulator = (await startTestSimulator({ SIM_VENUE: 'okx', SIM_TICK_MS: '60000', ...env }, clock)).simulator;
  return simulator;
}

async function call(
  sim: Simulator,
  method: 'GET' | 'POST',
  target: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; json: Record<string, unknown> }> {
  const text = body === undefined ? '' : JSON.stringify(body);
  const timestamp = okxTimestamp(clock.now());
  const signed = {
    'OK-ACCESS-KEY': sim.account.apiKey,
    'OK-ACCESS-PASSPHRASE': sim.account.apiMemo,
    'OK-ACCESS-TIMESTAMP': timestamp,
    'OK-ACCESS-SIGN': signOkx(sim.account.apiSecret, timestamp, method, target, text),
    'Content-Type': 'application/json',
  };
  const response = await fetch(`${sim.server.url}${target}`, {
    method,
    headers: { ...signed, ...headers },
    ...(method === 'POST' && { body: text }),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

describe('OKX REST face', () => {
  it('answers an unknown path as the gateway does, with a numeric 404', async () => {
    const sim = await start();
    const { status, json } = await call(sim, 'GET', '/api/v5/nothing/here');
    expect(status).toBe(404);
    expect(json).toMatchObject({ code: 404, msg: 'Not Found' });
  });

  it('refuses bad credentials with 401 and the 501xx code, without data', async () => {
    const sim = await start();
    const cases: [Record<string, string>, string][] = [
      [{ 'OK-ACCESS-KEY': '' }, '50103'],
      [{ 'OK-ACCESS-KEY': 'unknown' }, '50111'],
      [{ 'OK-ACCESS-PASSPHRASE': 'wrong' }, '50105'],
      [{ 'OK-ACCESS-TIMESTAMP': String(clock.now()) }, '50112'],
      [{ 'OK-ACCESS-TIMESTAMP': okxTimestamp(clock.now() - 31_000) }, '50102'],
      [{ 'OK-ACCESS-SIGN': 'AAAA' }, '50113'],
    ];
    for (const [headers, code] of cases) {
      const { status, json } = await call(sim, 'GET', '/api/v5/account/balance', undefined, headers);
      expect({ status, json }, code).toEqual({ status: 401, json: { code, msg: expect.any(String) } });
    }
    const demo = await call(sim, 'GET', '/api/v5/account/balance', undefined, { 'x-simulated-trading': '1' });
    expect(demo.json.code).toBe('0');
  });

  it('verifies the query exactly as sent: %2C and a raw comma both pass', async () => {
    const sim = await start();
    for (const target of [
      '/api/v5/account/positions?instId=BTC-USDT-SWAP%2CETH-USDT-SWAP',
      '/api/v5/account/positions?instId=BTC-USDT-SWAP,ETH-USDT-SWAP',
    ]) {
      expect((await call(sim, 'GET', target)).json).toEqual({ code: '0', msg: '', data: [] });
    }
  });

  it('answers bad JSON with 50002 and a missing field with 50014 naming it', async () => {
    const sim = await start();
    const response = await fetch(`${sim.server.url}/api/v5/trade/order`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"instId":',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: '50002' });
    const missing = await call(sim, 'GET', '/api/v5/market/ticker');
    expect(missing).toMatchObject({ status: 400, json: { code: '50014', msg: 'Parameter instId can not be empty.' } });
  });

  it('refuses order items in sCode: bad clOrdId, fractional size, posSide missing in long/short mode', async () => {
    const sim = await start();
    const order = { instId: 'BTC-USDT-SWAP', tdMode: 'cross', side: 'buy', ordType: 'market', sz: '1' };
    const batch = await call(sim, 'POST', '/api/v5/trade/batch-orders', [
      { ...order, clOrdId: 'has-dash' },
      { ...order, sz: '1.5' },
      { ...order, clOrdId: 'fine1' },
    ]);
    expect(batch.json.code).toBe('2');
    expect((batch.json.data as { sCode: string; sMsg: string }[]).map((item) => item.sCode)).toEqual([
      '51000',
      '51121',
      '0',
    ]);
    expect(batch.json.inTime).toMatch(/^\d+$/);
    await call(sim, 'POST', '/api/v5/trade/close-position', { instId: 'BTC-USDT-SWAP', mgnMode: 'cross' });
    await call(sim, 'POST', '/api/v5/account/set-position-mode', { posMode: 'long_short_mode' });
    const refused = await call(sim, 'POST', '/api/v5/trade/order', order);
    expect(refused.json).toMatchObject({
      code: '1',
      msg: 'All operations failed',
      data: [{ sCode: '51000', sMsg: 'Parameter posSide error' }],
    });
    const hedged = await call(sim, 'POST', '/api/v5/trade/order', { ...order, posSide: 'long' });
    expect(hedged.json.code).toBe('0');
  });

  it('cancels on the dead-man switch only the orders that carry its tag', async () => {
    const sim = await start();
    const price = sim.market.lastPrice('BTCUSDT').times('0.8').toDecimalPlaces(1).toFixed();
    const limit = { instId: 'BTC-USDT-SWAP', tdMode: 'cross', side: 'buy', ordType: 'limit', sz: '1', px: price };
    const tagged = await call(sim, 'POST', '/api/v5/trade/order', { ...limit, tag: 'mine' });
    const other = await call(sim, 'POST', '/api/v5/trade/order', limit);
    const armed = await call(sim, 'POST', '/api/v5/trade/cancel-all-after', { timeOut: 10, tag: 'mine' });
    expect(armed.json.data).toEqual([
      { triggerTime: String(Math.floor(clock.now() / 1000) + 10), tag: 'mine', ts: expect.any(String) },
    ]);
    expect((await call(sim, 'POST', '/api/v5/trade/cancel-all-after', { timeOut: 5 })).json.code).toBe('51000');
    clock.advance(10_000);
    const open = sim.engine.openOrders(sim.account.accountId, {}).map((order) => order.orderId);
    const idOf = (reply: { json: Record<string, unknown> }) => (reply.json.data as { ordId: string }[])[0]!.ordId;
    expect(open).toContain(idOf(other));
    expect(open).not.toContain(idOf(tagged));
  });
});

describe('OKX bills (account/bills, account/bills-archive)', () => {
  const rows = (reply: { json: Record<string, unknown> }) => reply.json.data as Record<string, string>[];

  it('itemises the ledger as OKX does: a trade bill per fill (pnl + fee), funding, balances, paging', async () => {
    const sim = await start();
    const balanceBefore = (await call(sim, 'GET', '/api/v5/account/balance')).json.data as {
      details: { cashBal: string }[];
    }[];
    const initial = new Dec(balanceBefore[0]!.details[0]!.cashBal);
    const order = { instId: 'BTC-USDT-SWAP', tdMode: 'cross', ordType: 'market', sz: '2', tag: 'mine' };
    expect((await call(sim, 'POST', '/api/v5/trade/order', { ...order, side: 'buy' })).json.code).toBe('0');
    sim.engine.settleFunding('BTCUSDT');
    sim.market.setPrice('BTCUSDT', sim.market.lastPrice('BTCUSDT').times('1.01').toDecimalPlaces(1));
    expect((await call(sim, 'POST', '/api/v5/trade/order', { ...order, side: 'sell' })).json.code).toBe('0');

    const bills = rows(await call(sim, 'GET', '/api/v5/account/bills?instType=SWAP'));
    for (const bill of bills) OkxBillSchema.parse(bill);
    const ids = bills.map((bill) => BigInt(bill.billId!));
    expect(ids).toEqual([...ids].sort((a, b) => (a > b ? -1 : 1)));
    // Each bill's balance is the older one's plus its change; the newest is the wallet now.
    let balance = initial;
    for (const bill of [...bills].reverse()) {
      balance = balance.plus(bill.balChg!);
      expect(new Dec(bill.bal!).eq(balance), bill.billId).toBe(true);
    }
    const ledger = sim.engine.ledger(sim.account.accountId);
    expect(balance.eq(ledger.reduce((sum, row) => sum.plus(row.amount), initial))).toBe(true);

    const fills = rows(await call(sim, 'GET', '/api/v5/trade/fills?instId=BTC-USDT-SWAP'));
    const trades = bills.filter((bill) => bill.type === '2');
    expect(trades.map((bill) => bill.tradeId).sort()).toEqual(fills.map((fill) => fill.tradeId).sort());
    for (const bill of trades) {
      const fill = fills.find((candidate) => candidate.tradeId === bill.tradeId)!;
      expect(bill).toMatchObject({
        ordId: fill.ordId,
        sz: fill.fillSz,
        px: fill.fillPx,
        tag: 'mine',
        mgnMode: 'cross',
      });
      expect(bill.subType).toBe(fill.side === 'buy' ? '1' : '2');
      expect(new Dec(bill.balChg!).eq(new Dec(bill.pnl!).plus(bill.fee!))).toBe(true);
      expect(new Dec(bill.fee!).eq(new Dec(fill.fee!))).toBe(true);
      expect(new Dec(bill.pnl!).eq(new Dec(fill.fillPnl!))).toBe(true);
    }
    expect(trades.some((bill) => new Dec(bill.pnl!).gt(0))).toBe(true);
    const funding = bills.filter((bill) => bill.type === '8');
    expect(funding).toHaveLength(1);
    expect(funding[0]!.subType).toBe(new Dec(funding[0]!.balChg!).isNegative() ? '173' : '174');
    expect(funding[0]!.pnl).toBe(funding[0]!.balChg);

    // Paging: `after` = older than, `before` = newer than, newest first; filters by type and time.
    const first = rows(await call(sim, 'GET', '/api/v5/account/bills?limit=1'));
    expect(first.map((bill) => bill.billId)).toEqual([bills[0]!.billId]);
    const older = rows(await call(sim, 'GET', `/api/v5/account/bills?after=${bills[0]!.billId}&limit=2`));
    expect(older.map((bill) => bill.billId)).toEqual(bills.slice(1, 3).map((bill) => bill.billId));
    const last = bills[bills.length - 1]!.billId;
    const newer = rows(await call(sim, 'GET', `/api/v5/account/bills?before=${last}&limit=1`));
    expect(newer.map((bill) => bill.billId)).toEqual([bills[bills.length - 2]!.billId]);
    const onlyFunding = rows(await call(sim, 'GET', '/api/v5/account/bills?type=8'));
    expect(onlyFunding.map((bill) => bill.billId)).toEqual(funding.map((bill) => bill.billId));
    const later = Number(bills[0]!.ts) + 1;
    expect(rows(await call(sim, 'GET', `/api/v5/account/bills?begin=${later}`))).toEqual([]);
    expect(rows(await call(sim, 'GET', '/api/v5/account/bills?instType=SPOT'))).toEqual([]);
    expect(rows(await call(sim, 'GET', '/api/v5/account/bills-archive'))).toEqual(bills);
    expect((await call(sim, 'GET', '/api/v5/account/bills?limit=0')).json).toMatchObject({
      code: '51000',
      msg: expect.stringContaining('limit'),
    });
    // Eight days later the bills are archived: only bills-archive still has them.
    clock.advance(8 * 86_400_000);
    expect(rows(await call(sim, 'GET', '/api/v5/account/bills'))).toEqual([]);
    expect(rows(await call(sim, 'GET', '/api/v5/account/bills-archive'))).toHaveLength(bills.length);
  });

  it('names trade bills by position side in long/short mode', async () => {
    const sim = await start();
    await call(sim, 'POST', '/api/v5/account/set-position-mode', { posMode: 'long_short_mode' });
    const order = { instId: 'BTC-USDT-SWAP', tdMode: 'cross', ordType: 'market', sz: '1' };
    await call(sim, 'POST', '/api/v5/trade/order', { ...order, side: 'buy', posSide: 'long' });
    await call(sim, 'POST', '/api/v5/trade/order', { ...order, side: 'sell', posSide: 'short' });
    await call(sim, 'POST', '/api/v5/trade/order', { ...order, side: 'sell', posSide: 'long' });
    await call(sim, 'POST', '/api/v5/trade/order', { ...order, side: 'buy', posSide: 'short' });
    const subTypes = rows(await call(sim, 'GET', '/api/v5/account/bills?type=2')).map((bill) => bill.subType);
    // Newest first: close short, close long, open short, open long (each may fill at several levels).
    expect([...new Set(subTypes)]).toEqual(['6', '5', '4', '3']);
  });

  it('counts bills per User ID when rate limits are on: 5 a second', async () => {
    const sim = await start({ SIM_RATE_LIMITS: '1' });
    for (let request = 0; request < 5; request++) {
      expect((await call(sim, 'GET', '/api/v5/account/bills')).status).toBe(200);
    }
    expect((await call(sim, 'GET', '/api/v5/account/bills')).json).toEqual({ msg: 'Too Many Requests', code: '50011' });
    clock.advance(1_000);
    expect((await call(sim, 'GET', '/api/v5/account/bills')).status).toBe(200);
  });
});

describe('OKX WebSocket face', () => {
  function connect(sim: Simulator, path: string): Promise<{ socket: WebSocket; frames: string[] }> {
    const socket = new WebSocket(`${sim.wsUrl}${path}`);
    const frames: string[] = [];
    socket.on('message', (data) => frames.push(data.toString()));
    return new Promise((resolve, reject) => {
      socket.once('open', () => resolve({ socket, frames }));
      socket.once('error', reject);
    });
  }
  const events = (frames: string[]) =>
    frames.filter((frame) => frame.startsWith('{')).map((frame) => JSON.parse(frame) as Record<string, unknown>);

  it('answers ping with pong and refuses what OKX refuses, with its codes', async () => {
    const sim = await start();
    const pub = await connect(sim, '/ws/v5/public?brokerId=9999');
    pub.socket.send('ping');
    pub.socket.send('{not json');
    pub.socket.send(
      JSON.stringify({ id: 'a1', op: 'subscribe', args: [{ channel: 'candle1m', instId: 'BTC-USDT-SWAP' }] }),
    );
    pub.socket.send(JSON.stringify({ op: 'subscribe', args: [{ channel: 'nonsense', instId: 'BTC-USDT-SWAP' }] }));
    await waitFor(() => pub.frames.length >= 4, 'four answers');
    expect(pub.frames[0]).toBe('pong');
    expect(events(pub.frames).map((frame) => [frame.event, frame.code, frame.id])).toEqual([
      ['error', '60012', undefined],
      ['error', '64001', 'a1'],
      ['error', '60018', undefined],
    ]);
    const business = await connect(sim, '/ws/v5/business');
    business.socket.send(JSON.stringify({ op: 'subscribe', args: [{ channel: 'tickers', instId: 'BTC-USDT-SWAP' }] }));
    const priv = await connect(sim, '/ws/v5/private');
    priv.socket.send(JSON.stringify({ op: 'subscribe', args: [{ channel: 'orders', instType: 'SWAP' }] }));
    const seconds = String(Math.floor(clock.now() / 1000));
    priv.socket.send(
      JSON.stringify({
        op: 'login',
        args: [{ apiKey: sim.account.apiKey, passphrase: sim.account.apiMemo, timestamp: seconds, sign: 'bad' }],
      }),
    );
    priv.socket.send(
      JSON.stringify({
        id: 'l2',
        op: 'login',
        args: [
          {
            apiKey: sim.account.apiKey,
            passphrase: sim.account.apiMemo,
            timestamp: seconds,
            sign: signOkxWsLogin(sim.account.apiSecret, seconds),
          },
        ],
      }),
    );
    await waitFor(() => business.frames.length >= 1 && priv.frames.length >= 3, 'the business and private answers');
    expect(events(business.frames)[0]).toMatchObject({ event: 'error', code: '64002' });
    expect(events(priv.frames).map((frame) => [frame.event, frame.code])).toEqual([
      ['error', '60011'],
      ['error', '60007'],
      ['login', '0'],
    ]);
    for (const socket of [pub.socket, business.socket, priv.socket]) socket.close();
  });

  it('pushes each crowd trade on the public trades channel, without a snapshot', async () => {
    const sim = await start();
    const pub = await connect(sim, '/ws/v5/public');
    const arg = { channel: 'trades', instId: 'BTC-USDT-SWAP' };
    pub.socket.send(JSON.stringify({ id: 't1', op: 'subscribe', args: [arg] }));
    await waitFor(() => pub.frames.length >= 1, 'the subscribe ack');
    expect(events(pub.frames)).toEqual([{ id: 't1', event: 'subscribe', arg, connId: expect.any(String) }]);
    const price = sim.market.lastPrice('BTCUSDT').times('1.002').toDecimalPlaces(1);
    const tick = sim.market.setPrice('BTCUSDT', price);
    await waitFor(() => pub.frames.length >= 2, 'a trades push');
    const push = events(pub.frames)[1] as { arg: unknown; data: unknown[] };
    expect(push.arg).toEqual(arg);
    expect(push.data).toHaveLength(1);
    const trade = OkxWsTradeSchema.parse(push.data[0]);
    expect(trade).toMatchObject({
      instId: 'BTC-USDT-SWAP',
      tradeId: tick.trade!.tradeId,
      sz: String(tick.trade!.size),
      side: tick.trade!.buyerIsMaker ? 'sell' : 'buy',
      ts: String(tick.time),
      count: '1',
    });
    expect(new Dec(trade.px).eq(price)).toBe(true);
    pub.socket.close();
  });

  it('pushes books as a snapshot, then updates chained by seqId whose checksum matches the rebuilt book', async () => {
    const sim = await start();
    const { socket, frames } = await connect(sim, '/ws/v5/public');
    socket.send(JSON.stringify({ op: 'subscribe', args: [{ channel: 'books', instId: 'ETH-USDT-SWAP' }] }));
    await waitFor(() => frames.length >= 2, 'the ack and the snapshot');
    const last = sim.market.lastPrice('ETHUSDT');
    sim.market.setPrice('ETHUSDT', last.times('1.01'));
    sim.market.setPrice('ETHUSDT', last.times('0.99'));
    await waitFor(() => frames.length >= 4, 'two updates');
    type BookPush = {
      action: string;
      data: { asks: string[][]; bids: string[][]; checksum: number; seqId: number; prevSeqId: number }[];
    };
    const pushes = events(frames).slice(1) as unknown as BookPush[];
    expect(pushes.map((push) => push.action)).toEqual(['snapshot', 'update', 'update']);
    const bids = new Map<string, string>();
    const asks = new Map<string, string>();
    let seqId = -1;
    for (const { data } of pushes) {
      const item = data[0]!;
      expect(item.prevSeqId).toBe(seqId);
      seqId = item.seqId;
      for (const [side, levels] of [
        [bids, item.bids],
        [asks, item.asks],
      ] as const) {
        for (const [price, size] of levels) {
          if (size === '0') side.delete(price!);
          else side.set(price!, size!);
        }
      }
      const sorted = (side: Map<string, string>, descending: boolean) =>
        [...side].sort(([a], [b]) => (descending ? Number(b) - Number(a) : Number(a) - Number(b)));
      expect(okxBookChecksum(sorted(bids, true), sorted(asks, false))).toBe(item.checksum);
    }
    socket.close();
  });

  it('closes a connection with 4004 after 30 s without a frame sent', async () => {
    const sim = await start({ SIM_OKX_WS_IDLE_CLOSE: '1' });
    const { socket } = await connect(sim, '/ws/v5/public');
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    clock.advance(31_000);
    expect(await closed).toBe(4004);
  });
});

describe('OKX rate limits (SIM_RATE_LIMITS on)', () => {
  it('counts per User ID and instrument, a batch per order, and answers 429 with 50011 and no data', async () => {
    const sim = await start({ SIM_RATE_LIMITS: '1' });
    const price = sim.market.lastPrice('BTCUSDT').times('0.8').toDecimalPlaces(1).toFixed();
    const limit = { instId: 'BTC-USDT-SWAP', tdMode: 'cross', side: 'buy', ordType: 'limit', sz: '1', px: price };
    for (let request = 0; request < 60; request++) {
      expect((await call(sim, 'POST', '/api/v5/trade/order', limit)).status).toBe(200);
    }
    expect(await call(sim, 'POST', '/api/v5/trade/order', limit)).toEqual({
      status: 429,
      json: { msg: 'Too Many Requests', code: '50011' },
    });
    // Another instrument has its own budget; a batch of two has the batch budget.
    expect(
      (await call(sim, 'POST', '/api/v5/trade/order', { ...limit, instId: 'ETH-USDT-SWAP', px: '100' })).status,
    ).toBe(200);
    expect((await call(sim, 'POST', '/api/v5/trade/batch-orders', [limit, limit])).status).toBe(200);
    // A batch of one counts against the single endpoint's spent budget.
    expect((await call(sim, 'POST', '/api/v5/trade/batch-orders', [limit])).status).toBe(429);
    clock.advance(2_000);
    expect((await call(sim, 'POST', '/api/v5/trade/order', limit)).status).toBe(200);
  });
});
