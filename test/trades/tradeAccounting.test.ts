import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Dec, roundToStep } from '../../src/platform/decimal/index.ts';
import type { FlowType } from '../../src/simulator/engine/types.ts';
import { waitingPlansOf } from '../support/simAdmin.ts';
import { waitFor } from '../support/waitFor.ts';
import { startWorkerE2e, type WorkerE2e } from '../support/workerE2e.ts';

/**
 * The trade record agrees with the exchange's ledger (issue 11, decision 0021): the simulator, the
 * real worker (`ws:run`) and the real app (its callbacks, its trade routes, its reconciliation
 * through our BitMart REST client), a two-target trade driven by `POST /sim/price` and funding by
 * `POST /sim/funding`.
 */
let kit: WorkerE2e;

beforeAll(async () => {
  kit = await startWorkerE2e({ appReadsVenue: true });
}, 60_000);

afterAll(async () => {
  await kit?.teardown();
});

const report = () => `worker output:\n${kit.worker.output()}`;

const text = z.string().nullable();
const ExcursionSchema = z.object({ price: z.string(), usdt: z.string(), r: text }).nullable();
const TradeDetailSchema = z.looseObject({
  status: z.string(),
  accounting: text,
  quantity: text,
  entry_price: text,
  exit_reason: text,
  realized_pnl_gross: text,
  fees: text,
  funding: text,
  realized_pnl_net: text,
  r_multiple: text,
  reconciled_at: text,
  mae: ExcursionSchema,
  mfe: ExcursionSchema,
  orders: z.array(
    z.looseObject({
      source: z.string(),
      role: z.string(),
      fills: z.array(z.looseObject({ trade_id: z.string(), fee: z.string() })),
    }),
  ),
  funding_payments: z.array(z.looseObject({ amount: z.string(), paid_at: z.string() })),
});
type TradeDetail = z.infer<typeof TradeDetailSchema>;

async function call(method: 'GET' | 'POST', path: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${kit.app.url}${path}`, { method });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function detail(key: string): Promise<TradeDetail> {
  const { status, body } = await call('GET', `/api/trades/${encodeURIComponent(key)}`);
  expect(status, JSON.stringify(body)).toBe(200);
  return TradeDetailSchema.parse(body['data']);
}

async function reconcile(key: string): Promise<{ outcome: unknown; data: TradeDetail }> {
  const { status, body } = await call('POST', `/api/trades/${encodeURIComponent(key)}/reconcile`);
  expect(status, JSON.stringify(body)).toBe(200);
  return { outcome: body['outcome'], data: TradeDetailSchema.parse(body['data']) };
}

/** The simulator's own books for the demo account: its wallet and its ledger rows of `symbol`. */
function books(symbol: string) {
  const { engine, account, clock } = kit.simulator.simulator;
  const [usdt] = engine.assets(account.accountId);
  const rows = engine.transactions(account.accountId, { symbol, pageSize: 1000, startMs: 0, endMs: clock.now() });
  const flow = (type: FlowType) =>
    rows.filter((row) => row.flowType === type).reduce((total, row) => total.plus(row.amount), new Dec(0));
  return {
    wallet: usdt ? usdt.available.plus(usdt.frozen).plus(usdt.positionDeposit) : new Dec(0),
    realized: flow(2),
    funding: flow(3),
    commission: flow(4),
    fundingRows: rows.filter((row) => row.flowType === 3).length,
    fills: engine.trades(account.accountId, { symbol, startMs: 0, endMs: clock.now() }),
  };
}

/** A figure the record must have. */
function dec(value: string | null | undefined): Dec {
  if (value === null || value === undefined) throw new Error('a figure is missing from the trade record');
  return new Dec(value);
}

const roles = (data: TradeDetail) => data.orders.map((order) => `${order.source}:${order.role}`).sort();

describe('the trade record agrees with the exchange', { timeout: 120_000 }, () => {
  const symbol = 'LTCUSDT';
  const key = 'mtf:LTCUSDT:ledger000001';

  it('a trade that takes TP1, pays funding twice and closes on TP2 carries the ledger’s fees, funding and net PnL', async () => {
    const plan = await kit.plan(key, symbol, 'long', { quantity: '10' });
    const { take_profit: last, ...seed } = plan.request;
    const tick = kit.tickSize(symbol);
    const tp1 = roundToStep(new Dec(last).add(seed.entry_zone_max).div(2), tick).toFixed();
    const request = {
      ...seed,
      targets: [{ price: tp1, fraction: '0.5' }, { price: last }],
      trailing: { mode: 'break_even' },
    };
    const contractSize = kit.simulator.simulator.market.contract(symbol)?.contractSize ?? new Dec(0);
    const risk = new Dec(seed.entry_zone_max).minus(seed.stop_loss).mul(10).mul(contractSize);
    await kit.app.trades().record(
      {
        decisionKey: key,
        runId: 'ledger-test',
        profile: 'scalper_micro',
        symbol,
        side: 'long',
        executionTimeframe: '1m',
        candleOpenTime: Date.UTC(2026, 0, 5, 12, 0),
      },
      {
        status: 'planned',
        plan: {
          symbol,
          side: 'long',
          entry: seed.entry_zone_max,
          stop: seed.stop_loss,
          targets: [
            { price: tp1, size: '5', r_multiple: '1' },
            { price: last, size: '5', r_multiple: '2' },
          ],
          size: '10',
          contract_size: contractSize.toFixed(),
          risk_usdt: risk.toFixed(),
          order: request,
        },
      },
    );
    const before = books(symbol);
    expect(await kit.worker.placeOrder(request)).toEqual({ status: 202, ok: true });
    await kit.app.trades().markSubmitted(key);
    await kit.watching(symbol);
    await kit.admin.price(symbol, plan.inZone);
    await kit.callback(key, 'placed');
    await kit.admin.price(symbol, plan.fill);
    const plans = () => kit.admin.state().then((state) => waitingPlansOf(state, kit.apiKey, symbol));
    await waitFor(async () => (await plans()).some((row) => row.plan_category === 1), 'TP1 on the venue');
    // The trade opens on its entry's fill, which the worker's order signal tells the app.
    await waitFor(async () => (await kit.app.trades().find(key))?.status === 'open', 'the trade to open');

    // Open: the figures so far, and the protections the venue holds.
    // (The callbacks so far may have had it reconciled already: `updated` or `unchanged`.)
    const opened = await reconcile(key);
    expect(['updated', 'unchanged']).toContain(opened.outcome);
    expect(opened.data).toMatchObject({ status: 'open', accounting: 'partial', quantity: '10' });
    expect(roles(opened.data), report()).toEqual(['order:entry', 'plan:stop_loss', 'plan:tp1', 'plan:tp2']);
    expect(dec(opened.data.fees).eq(books(symbol).commission.neg())).toBe(true);

    await kit.admin.funding(symbol);
    await kit.admin.price(symbol, roundToStep(new Dec(tp1).mul('0.9997'), tick).toFixed());
    await kit.callback(key, 'partially_closed');
    await waitFor(async () => (await plans()).some((row) => /s1$/.test(row.client_order_id)), 'the stop moved');
    const afterTp1 = await reconcile(key);
    expect(roles(afterTp1.data), report()).toContain('plan:trailing');
    expect(roles(afterTp1.data)).toContain('order:tp1');
    await kit.admin.funding(symbol);
    await kit.admin.price(symbol, plan.takeProfitHit);
    await kit.callback(key, 'closed');

    // Closed: the callback makes the app read the venue; the record becomes final by itself.
    let closed: TradeDetail | undefined;
    await waitFor(async () => {
      closed = await detail(key);
      return closed.accounting === 'final';
    }, 'the closed trade reconciled');
    if (!closed) throw new Error('unreachable');
    const after = books(symbol);
    const gross = after.realized.minus(before.realized);
    const fees = after.commission.minus(before.commission).neg();
    const funding = after.funding.minus(before.funding);
    const balanceChange = after.wallet.minus(before.wallet);
    expect(after.fundingRows - before.fundingRows).toBe(2);
    expect(funding.isZero()).toBe(false);
    expect(closed).toMatchObject({ status: 'closed', exit_reason: 'tp2', quantity: '10' });
    expect(dec(closed.realized_pnl_gross).eq(gross), `gross ${closed.realized_pnl_gross} vs ${gross}`).toBe(true);
    expect(dec(closed.fees).eq(fees), `fees ${closed.fees} vs ${fees}`).toBe(true);
    expect(dec(closed.funding).eq(funding), `funding ${closed.funding} vs ${funding}`).toBe(true);
    expect(dec(closed.realized_pnl_net).eq(balanceChange), `net vs balance ${balanceChange}`).toBe(true);
    expect(dec(closed.realized_pnl_net).toFixed(2)).toBe(balanceChange.toFixed(2));
    expect(closed.r_multiple).toBe(balanceChange.div(risk).toDecimalPlaces(4).toFixed());
    expect(closed.funding_payments).toHaveLength(2);

    const entry = dec(closed.entry_price);
    expect(dec(closed.mae?.price).lte(entry) && dec(closed.mfe?.price).gte(plan.takeProfitHit)).toBe(true);
    expect(dec(closed.mae?.usdt).lte(0) && dec(closed.mfe?.usdt).gt(0)).toBe(true);
    expect(roles(closed)).toEqual(
      expect.arrayContaining(['order:entry', 'order:tp1', 'plan:stop_loss', 'plan:tp1', 'plan:trailing', 'plan:tp2']),
    );
    const fills = closed.orders.flatMap((order) => order.fills);
    const venueFills = after.fills.filter((fill) => !before.fills.some((old) => old.tradeId === fill.tradeId));
    expect(fills.map((fill) => fill.trade_id).sort()).toEqual(venueFills.map((fill) => fill.tradeId).sort());

    // Reconciling again changes nothing, not even when it was reconciled.
    const again = await reconcile(key);
    expect(again.outcome).toBe('unchanged');
    expect(await detail(key)).toEqual(closed);
  });

  it('answers 404 for a decision key it does not know and 400 naming the id for a malformed one', async () => {
    const unknown = await call('GET', '/api/trades/mtf:LTCUSDT:nosuchtrade');
    expect(unknown).toMatchObject({ status: 404, body: { code: 'trade_not_found' } });
    const malformed = await call('GET', `/api/trades/${encodeURIComponent('no such/trade')}`);
    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatchObject({ code: expect.any(String), message: expect.stringContaining('id') });
    expect((await call('POST', '/api/trades/mtf:LTCUSDT:nosuchtrade/reconcile')).status).toBe(404);
    expect((await call('POST', `/api/trades/${'x'.repeat(81)}/reconcile`)).status).toBe(400);
  });
});
