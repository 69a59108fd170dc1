import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Order, Position } from '../../src/exchange/port/types.ts';
import {
  type ClosedCandleSource,
  type RunResponse,
  StoreCandleSource,
  symbolLockKey,
} from '../../src/trading-app/mtf-runner/index.ts';
import { audits, indicatorSnapshots, mtfLocks } from '../../src/trading-app/store/schema.ts';
import { type MtfHarness, openMtfHarness, RUN_AT } from './support/mtfHarness.ts';

let harness: MtfHarness;
beforeAll(async () => {
  harness = await openMtfHarness();
});
afterAll(async () => harness?.close());

describe('switches', () => {
  it('a symbol switched off is SKIPPED with its reason, and counts again once the switch expires', async () => {
    const service = harness.service();
    await service.setSwitch({ key: 'SYMBOL:BTCUSDT', isOn: false, expiresAt: RUN_AT + 60_000 });
    const off = await service.run({ symbols: ['BTCUSDT', 'ETHUSDT'], now: RUN_AT });
    expect(off.data.results.BTCUSDT).toMatchObject({
      status: 'SKIPPED',
      failed_timeframe: 'symbol',
      reason: 'SYMBOL kill switch OFF',
    });
    expect(off.data.summary.symbols_skipped).toBe(1);
    expect(off.data.rejected_by).toContain('BTCUSDT');
    const forced = await service.run({ symbols: ['BTCUSDT'], now: RUN_AT, forceRun: true });
    expect(forced.data.results.BTCUSDT?.status).not.toBe('SKIPPED');
    const expired = await service.run({ symbols: ['BTCUSDT'], now: RUN_AT + 60_000 });
    expect(expired.data.results.BTCUSDT?.status).not.toBe('SKIPPED');
  });

  it('the GLOBAL switch skips every symbol; a SYMBOL_TF switch skips that timeframe', async () => {
    const service = harness.service();
    const global = await service.setSwitch({ key: 'GLOBAL', isOn: false, expiresAt: null });
    const off = await service.run({ symbols: ['ETHUSDT', 'SOLUSDT'], now: RUN_AT });
    expect(off.data.summary).toMatchObject({ status: 'global_switch_off', symbols_skipped: 2, symbols_processed: 2 });
    expect((await service.toggleSwitch(global.id))?.is_on).toBe(true);
    await service.setSwitch({ key: 'SYMBOL_TF:ETHUSDT:5m', isOn: false, expiresAt: null });
    const timeframe = await service.run({ symbols: ['ETHUSDT'], now: RUN_AT });
    expect(timeframe.data.results.ETHUSDT).toMatchObject({ status: 'SKIPPED', failed_timeframe: '5m' });
    expect((await service.status()).switches).toBeGreaterThanOrEqual(3);
  });
});

describe('per-symbol locks', () => {
  it('two concurrent runs on one symbol: one evaluates it, the other reports it locked', async () => {
    const [a, b] = await Promise.all([
      harness.service().run({ symbols: ['XRPUSDT'], now: RUN_AT }),
      harness.service().run({ symbols: ['XRPUSDT'], now: RUN_AT }),
    ]);
    const statuses = [a.data.results.XRPUSDT, b.data.results.XRPUSDT].map((result) => result?.reason);
    expect(statuses).toContain('LOCKED_BY_ANOTHER_RUN');
    expect(statuses.filter((reason) => reason === 'LOCKED_BY_ANOTHER_RUN')).toHaveLength(1);
    expect(await harness.database.drizzle.select().from(mtfLocks)).toEqual([]);
  });

  it('a lock held by a crashed run blocks until it expires', async () => {
    const service = harness.service({ lockTtlMs: 60_000 });
    await service.locks.acquire([symbolLockKey('LTCUSDT')], 'crashed-run', 120_000);
    const blocked = await service.run({ symbols: ['LTCUSDT'], now: RUN_AT });
    expect(blocked.data.results.LTCUSDT).toMatchObject({ status: 'SKIPPED', failed_timeframe: 'lock' });
    expect((await service.lockStatus()).map((lock) => lock.process_id)).toEqual(['crashed-run']);
    harness.clock.advance(120_000);
    const free = await service.run({ symbols: ['LTCUSDT'], now: RUN_AT });
    expect(free.data.results.LTCUSDT?.status).not.toBe('SKIPPED');
  });
});

describe('open positions and orders', () => {
  it('excludes symbols with an open position or order as SKIPPED with the reason', async () => {
    const exchange = {
      positions: async () => [{ symbol: 'BNBUSDT' } as Position],
      openOrders: async () => [{ symbol: 'AVAXUSDT' } as Order],
    };
    const response = await harness
      .runner({ exchange })
      .run({ symbols: ['BNBUSDT', 'AVAXUSDT', 'LINKUSDT'], now: RUN_AT });
    expect(response.data.results.BNBUSDT).toMatchObject({
      status: 'SKIPPED',
      failed_timeframe: 'open_exposure',
      reason: 'OPEN_POSITION',
    });
    expect(response.data.results.AVAXUSDT).toMatchObject({ status: 'SKIPPED', reason: 'OPEN_ORDER' });
    expect(response.data.results.LINKUSDT?.status).not.toBe('SKIPPED');
  });

  it('an unanswered exposure check fails the run for those symbols instead of ignoring it', async () => {
    const exchange = {
      positions: async () => {
        throw new Error('timeout');
      },
      openOrders: async () => [],
    };
    const response = await harness.runner({ exchange }).run({ symbols: ['LINKUSDT'], now: RUN_AT });
    expect(response.status).toBe('partial_success');
    expect(response.data.results.LINKUSDT).toMatchObject({ status: 'ERROR', reason: 'EXPOSURE_UNKNOWN: timeout' });
  });
});

describe('audits and snapshots', () => {
  it('writes one audit trail per symbol and upserts a snapshot per evaluated (symbol, timeframe, candle)', async () => {
    const service = harness.service();
    const response = await service.run({ symbols: ['DOGEUSDT', 'SOLUSDT'], profile: 'default', now: RUN_AT });
    const runId = response.data.summary.run_id;
    const rows = await service.audit({ limit: 500, runId });
    expect(
      rows
        .filter((row) => row.step === 'MTF_DECISION')
        .map((row) => row.symbol)
        .sort(),
    ).toEqual(['DOGEUSDT', 'SOLUSDT']);
    const first = rows.find((row) => row.step === '4h_VALIDATION_SUCCESS' || row.step === '4h_VALIDATION_FAILED');
    expect(first?.details).toMatchObject({ timeframe: '4h', run_id: runId, metrics: { price: expect.any(Number) } });
    for (const row of rows) expect([0, 1, 2, 3]).toContain(row.severity);
    const snapshots = await harness.database.drizzle.select().from(indicatorSnapshots);
    expect(snapshots.some((row) => row.symbol === 'DOGEUSDT' && row.timeframe === '4h' && row.runId === runId)).toBe(
      true,
    );
    await service.run({ symbols: ['DOGEUSDT'], profile: 'default', now: RUN_AT });
    const again = await harness.database.drizzle.select().from(indicatorSnapshots);
    const keys = again.map((row) => `${row.symbol}|${row.timeframe}|${row.klineTime.getTime()}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect((await harness.database.drizzle.select().from(audits)).length).toBeGreaterThan(rows.length);
    const status = await service.status();
    expect(status.last_run?.run_id).not.toBe(runId);
    expect(status.active_locks).toBe(0);
  });
});

describe('a symbol that ends in ERROR', () => {
  /** The klines table, but the newest 1m candle of `symbol` has a close no indicator reads and a field no thread can be sent. */
  function unreadableCandle(symbol: string): ClosedCandleSource {
    const store = new StoreCandleSource(harness.database.drizzle);
    return {
      closedCandles: async (timeframe, wants, lastClosedOpen, window) => {
        const candles = await store.closedCandles(timeframe, wants, lastClosedOpen, window);
        const series = candles.get(symbol);
        const last = series?.at(-1);
        if (timeframe === '1m' && series && last) {
          series[series.length - 1] = Object.assign({ ...last, close: Number.NaN }, { uncloneable: () => undefined });
        }
        return candles;
      },
    };
  }

  async function errorOf(response: RunResponse, symbol: string) {
    const result = response.data.results[symbol];
    const rows = await harness.service().audit({ limit: 500, runId: response.data.summary.run_id, symbol });
    return { result, audits: rows.filter((row) => row.step === 'ERROR') };
  }

  it('has one shape whatever stopped it: exposure unknown, evaluation failed, evaluator failed, too few candles', async () => {
    const exposure = await harness
      .runner({ exchange: { positions: () => Promise.reject(new Error('timeout')), openOrders: async () => [] } })
      .run({ symbols: ['LINKUSDT'], now: RUN_AT });
    const evaluation = await harness
      .runner({ candles: unreadableCandle('DOGEUSDT') })
      .run({ symbols: ['DOGEUSDT', 'NOCANDLEUSDT'], profile: 'scalper_micro', now: RUN_AT });
    const evaluator = await harness
      .runner({ candles: unreadableCandle('DOGEUSDT') })
      .run({ symbols: ['DOGEUSDT'], now: RUN_AT, workers: 2 });
    const cases = [
      { ...(await errorOf(exposure, 'LINKUSDT')), reason: /^EXPOSURE_UNKNOWN: timeout$/, stop: 'open_exposure' },
      { ...(await errorOf(evaluation, 'DOGEUSDT')), reason: /^EVALUATION_FAILED: /, stop: null },
      // scalper_micro's highest timeframe is 5m: the first it finds cold.
      { ...(await errorOf(evaluation, 'NOCANDLEUSDT')), reason: /^INSUFFICIENT_CANDLES_5m: 0 of /, stop: '5m' },
      { ...(await errorOf(evaluator, 'DOGEUSDT')), reason: /^EVALUATOR_FAILED: /, stop: null },
    ];
    for (const { result, audits, reason, stop } of cases) {
      expect(result?.reason).toMatch(reason);
      expect(result).toEqual({
        symbol: result?.symbol,
        status: 'ERROR',
        execution_tf: null,
        failed_timeframe: stop,
        signal_side: 'NONE',
        trading_decision: null,
        error: { message: result?.reason },
        context: null,
        current_price: null,
        atr: null,
        reason: result?.reason,
      });
      expect(audits).toEqual([
        expect.objectContaining({
          severity: 3,
          cause: result?.reason,
          timeframe: null,
          details: { status: 'ERROR', reason: result?.reason, failed_timeframe: stop, run_id: expect.any(String) },
        }),
      ]);
    }
    for (const response of [exposure, evaluation, evaluator]) expect(response.status).toBe('partial_success');
  });
});
