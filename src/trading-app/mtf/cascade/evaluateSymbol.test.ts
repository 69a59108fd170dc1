import { describe, expect, it } from 'vitest';
import { allContexts, bearishContext, bullishContext, lastClosedOpen, NOW } from '../../../../test/mtf/contexts.ts';
import type { IndicatorContext } from '../../indicators/IndicatorContext.ts';
import { loadMtfConfig } from '../config/loadMtfConfig.ts';
import { formatDecision } from '../evaluation/formatDecision.ts';
import type { MtfTimeframe } from '../timeframes.ts';
import { evaluateSymbol } from './evaluateSymbol.ts';

const legacy = loadMtfConfig('config/mtf_validations.yaml');
const scalper = loadMtfConfig('config/mtf_validations.scalper.yaml');
const up = allContexts(bullishContext);
const run = (
  contexts: Partial<Record<MtfTimeframe, IndicatorContext>>,
  extra: Partial<Parameters<typeof evaluateSymbol>[1]> = {},
) => evaluateSymbol(legacy, { symbol: 'BTCUSDT', contexts, now: NOW, ...extra });

describe('the per-symbol cascade', () => {
  it('READY with the execution timeframe, its ATR and a fully aligned context summary (the worked example)', () => {
    const decision = run(up);
    expect(decision).toMatchObject({
      status: 'READY',
      signal_side: 'LONG',
      execution_tf: '1m',
      atr: 0.5,
      failed_timeframe: null,
    });
    expect(decision.context).toEqual({
      context_signals: { '4h': 'LONG', '1h': 'LONG' },
      context_aligned: true,
      context_dir: 'LONG',
      context_tfs: ['4h', '1h'],
      context_fully_populated: true,
      context_fully_aligned: true,
    });
    expect(formatDecision(decision)).toContain('BTCUSDT: READY LONG on 1m');
  });

  it('INVALID with failed_timeframe when a timeframe disagrees with the one above it', () => {
    const decision = run({ ...up, '15m': bearishContext('15m') });
    expect(decision).toMatchObject({
      status: 'INVALID',
      failed_timeframe: '15m',
      reason: 'ALIGNMENT_15M_NE_1H',
      signal_side: 'NONE',
    });
    expect(run({ ...up, '1h': bearishContext('1h') })).toMatchObject({
      failed_timeframe: '1h',
      reason: 'ALIGNMENT_1H_NE_4H',
    });
  });

  it('INVALID when a context timeframe has no signal', () => {
    const flat = bullishContext('4h', { ema: { 50: 95, 200: 95 } });
    expect(run({ ...up, '4h': flat })).toMatchObject({
      status: 'INVALID',
      failed_timeframe: '4h',
      reason: 'SIGNAL_NONE',
    });
  });

  it('GRACE_WINDOW only while a just-closed candle is missing, and not with force_run', () => {
    const boundary = Date.UTC(2025, 10, 7, 10, 5, 20); // 20 s after a 5m boundary
    const contexts = Object.fromEntries(
      Object.entries(up).map(([tf, c]) => [tf, { ...c, klineTime: lastClosedOpen(tf as MtfTimeframe, boundary) }]),
    ) as Record<MtfTimeframe, IndicatorContext>;
    // Fresh data right after a boundary: the original would answer GRACE_WINDOW
    // (docs/reference/original-system.md#bug-grace-window); we evaluate.
    expect(run(contexts, { now: boundary }).status).toBe('READY');
    const late = { ...contexts, '5m': { ...contexts['5m'], klineTime: contexts['5m'].klineTime - 300_000 } };
    expect(run(late, { now: boundary })).toMatchObject({ status: 'GRACE_WINDOW', failed_timeframe: '5m' });
    expect(run(late, { now: boundary + 60_000 })).toMatchObject({ status: 'ERROR', failed_timeframe: '5m' });
    expect(run(late, { now: boundary, forceRun: true }).status).toBe('READY');
  });

  it('ERROR when a context contains a candle not closed at `now` (no lookahead), even with force_run', () => {
    const ahead = { ...up, '1h': { ...up['1h'], klineTime: up['1h'].klineTime + 3_600_000 } };
    expect(run(ahead, { forceRun: true })).toMatchObject({
      status: 'ERROR',
      failed_timeframe: '1h',
      reason: 'UNCLOSED_CANDLE_1h',
    });
  });

  it('SKIPPED by a kill switch unless force_run', () => {
    const switches = (tf: MtfTimeframe) => tf !== '5m';
    expect(run(up, { switches })).toMatchObject({
      status: 'SKIPPED',
      failed_timeframe: '5m',
      reason: '5m kill switch OFF',
    });
    expect(run(up, { switches, forceRun: true }).status).toBe('READY');
  });

  it('ERROR on an evaluation exception or a missing context', () => {
    const broken = { ...up, '1h': { ...up['1h'], macdHistSeries: undefined } } as unknown as Record<
      MtfTimeframe,
      IndicatorContext
    >;
    const decision = run(broken);
    expect(decision).toMatchObject({ status: 'ERROR', failed_timeframe: '1h' });
    expect(decision.reason).toMatch(/^EXCEPTION: /);
    const { '15m': _dropped, ...withoutFifteen } = up;
    expect(run(withoutFifteen)).toMatchObject({ status: 'ERROR', failed_timeframe: '15m', reason: 'NO_CONTEXT_15m' });
  });

  it('strict mode needs every execution timeframe; pragmatic only the chosen one when lower ones may be skipped', () => {
    const noisy1m = { ...up, '1m': bearishContext('1m') };
    expect(run(noisy1m)).toMatchObject({ status: 'INVALID', failed_timeframe: '1m' });
    expect(evaluateSymbol(scalper, { symbol: 'BTCUSDT', contexts: noisy1m, now: NOW })).toMatchObject({
      status: 'READY',
      execution_tf: '5m',
    });
  });

  it('the execution selector drops to a lower timeframe on facts, unless forbidden', () => {
    const regular = loadMtfConfig('config/mtf_validations.regular.yaml');
    const decide = (facts: Record<string, number>, contexts = up) =>
      evaluateSymbol(regular, { symbol: 'BTCUSDT', contexts, now: NOW, facts });
    expect(decide({ expected_r_multiple: 2.5, entry_zone_width_pct: 1 }).execution_tf).toBe('15m');
    expect(decide({ expected_r_multiple: 1.5 }).execution_tf).toBe('5m');
    const weak5m = { ...up, '5m': bullishContext('5m', { adx: 15 }) };
    expect(decide({ expected_r_multiple: 1.5 }, weak5m).execution_tf).toBe('15m');
  });

  it('currentTf forces the execution timeframe but the context still gates', () => {
    expect(run(up, { currentTf: '5m' })).toMatchObject({ status: 'READY', execution_tf: '5m' });
    expect(run({ ...up, '4h': bearishContext('4h') }, { currentTf: '5m' })).toMatchObject({
      status: 'INVALID',
      failed_timeframe: '1h',
    });
    expect(run(up, { currentTf: '1h' })).toMatchObject({ status: 'INVALID', reason: 'NOT_AN_EXECUTION_TIMEFRAME_1h' });
  });

  it('is deterministic: the same input gives the same decision', () => {
    expect(run(up)).toEqual(run(up));
  });
});
