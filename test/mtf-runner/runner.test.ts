import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunResponse, SymbolResult } from '../../src/trading-app/mtf-runner/index.ts';
import { type MtfHarness, openMtfHarness, RUN_AT } from './support/mtfHarness.ts';

let harness: MtfHarness;
beforeAll(async () => {
  harness = await openMtfHarness();
});
afterAll(async () => harness?.close());

const STATUSES = ['READY', 'INVALID', 'GRACE_WINDOW', 'SKIPPED', 'ERROR'];

function expectWellFormed(response: RunResponse, requested: number): void {
  const { summary, results, summary_by_tf, rejected_by, last_validated } = response.data;
  const list = Object.values(results);
  expect(Object.keys(results)).not.toContain('FINAL');
  expect(summary.symbols_requested).toBe(requested);
  expect(summary.symbols_processed).toBe(list.length);
  expect(
    summary.symbols_ready +
      summary.symbols_invalid +
      summary.symbols_skipped +
      summary.symbols_grace +
      summary.symbols_failed,
  ).toBe(summary.symbols_processed);
  const ready = list.filter((result) => result.status === 'READY').map((result) => result.symbol);
  expect(summary.symbols_ready).toBe(ready.length);
  expect(summary.success_rate).toBe(Math.round((ready.length / list.length) * 10_000) / 100);
  expect(rejected_by).toEqual(list.filter((result) => result.status !== 'READY').map((result) => result.symbol));
  for (const symbol of ready) expect(rejected_by).not.toContain(symbol);
  expect(last_validated.map((entry) => entry.symbol)).toEqual(ready);
  expect(Object.values(summary_by_tf).flat().sort()).toEqual(list.map((result) => result.symbol).sort());
  for (const result of list) {
    expect(STATUSES).toContain(result.status);
    expect(Object.keys(result).sort()).toEqual(
      [
        'atr',
        'context',
        'current_price',
        'error',
        'execution_tf',
        'failed_timeframe',
        'reason',
        'signal_side',
        'symbol',
        'status',
        'trading_decision',
      ].sort(),
    );
    expect(result.current_price).toBeGreaterThan(0);
    if (result.status === 'READY') {
      expect(result.signal_side).not.toBe('NONE');
      expect(result.execution_tf).not.toBeNull();
      expect(result.trading_decision).toMatchObject({
        status: 'simulated',
        client_order_id: expect.stringMatching(/^SIM-[0-9a-f]{12}$/),
      });
    } else {
      expect(result.trading_decision).toBeNull();
      expect(result.reason).not.toBeNull();
    }
  }
  expect(response.status).toBe(summary.symbols_failed > 0 ? 'partial_success' : 'success');
}

describe('MtfRunner on simulator candles', () => {
  for (const profile of ['default', 'regular', 'scalper', 'scalper_micro']) {
    it(`${profile}: evaluates the 10 simulator contracts end to end with consistent counts`, async () => {
      const response = await harness.service().run({ symbols: [...harness.symbols], profile, now: RUN_AT });
      expectWellFormed(response, 10);
      expect(response.data.summary).toMatchObject({ profile, dry_run: true, status: 'completed', symbols_failed: 0 });
    });
  }

  it('scalper_micro finds READY symbols on this data and hands them to the dry-run trade entry', async () => {
    const service = harness.service();
    const response = await service.run({ symbols: [...harness.symbols], now: RUN_AT });
    const ready = Object.values(response.data.results).filter((result) => result.status === 'READY');
    expect(ready.length).toBeGreaterThan(0);
    expect(
      service.dryRunEntry
        .plans()
        .map((plan) => plan.symbol)
        .sort(),
    ).toEqual(ready.map((result) => result.symbol));
    for (const plan of service.dryRunEntry.plans()) {
      const result = response.data.results[plan.symbol] as SymbolResult;
      expect(plan).toMatchObject({
        entry_reference_price: result.current_price,
        atr: result.atr,
        execution_tf: result.execution_tf,
      });
    }
  });

  it('gives identical results with two worker threads as in this thread, on the first and later runs', async () => {
    const sequential = harness.service();
    const parallel = harness.service();
    for (const now of [RUN_AT, RUN_AT + 60_000, RUN_AT + 5 * 60_000]) {
      const one = await sequential.run({ symbols: [...harness.symbols], profile: 'default', now });
      const two = await parallel.run({ symbols: [...harness.symbols], profile: 'default', workers: 2, now });
      expect(two.data.summary.workers).toBe(2);
      expect(two.data.results).toEqual(one.data.results);
      expect(two.data.summary_by_tf).toEqual(one.data.summary_by_tf);
    }
  });

  it('feeds only the candles closed since the last run and matches a cold start on the same candles', async () => {
    const warm = harness.service();
    await warm.run({ symbols: ['BTCUSDT'], now: RUN_AT });
    const later = await warm.run({ symbols: ['BTCUSDT'], now: RUN_AT + 3 * 60_000 });
    expect(later.data.results.BTCUSDT?.current_price).toBeGreaterThan(0);
    // A cold runner warms on the last 225 candles; the warm one streamed 3 more 1m candles into an EMA seeded
    // 3 candles earlier, so closes and statuses agree while long EMAs may differ in far decimals.
    const cold = await harness.service().run({ symbols: ['BTCUSDT'], now: RUN_AT + 3 * 60_000 });
    expect(later.data.results.BTCUSDT?.current_price).toBe(cold.data.results.BTCUSDT?.current_price);
  });
});

describe('no lookahead', () => {
  it('ignores candles stored for after `now` (the DB holds candles up to 12:00, runs are at 11:07:30)', async () => {
    const first = await harness.service().run({ symbols: [...harness.symbols], now: RUN_AT });
    const latest = await harness.klines.latestOpenTime('BTCUSDT', '1m');
    expect(latest).toBeGreaterThan(RUN_AT);
    const again = await harness.service().run({ symbols: [...harness.symbols], now: RUN_AT });
    expect(again.data.results).toEqual(first.data.results);
  });

  it('a runner that already ran later re-warms when asked about an earlier time', async () => {
    const service = harness.service();
    const earlier = await harness.service().run({ symbols: ['ETHUSDT'], now: RUN_AT });
    await service.run({ symbols: ['ETHUSDT'], now: RUN_AT + 30 * 60_000 });
    const back = await service.run({ symbols: ['ETHUSDT'], now: RUN_AT });
    expect(back.data.results).toEqual(earlier.data.results);
  });
});
