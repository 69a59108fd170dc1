import { describe, expect, it } from 'vitest';
import {
  evaluateSymbol,
  evaluateTimeframe,
  loadMtfConfig,
  type MtfTimeframe,
} from '../../src/trading-app/mtf/index.ts';
import { allContexts, bearishContext, bullishContext, NOW } from './contexts.ts';

const FILES = {
  '2025-11': 'config/mtf_validations.yaml',
  'older app copy': 'test/mtf/fixtures/mtf_validations.legacy-app.yaml',
  regular: 'config/mtf_validations.regular.yaml',
  scalper: 'config/mtf_validations.scalper.yaml',
  scalper_micro: 'config/mtf_validations.scalper_micro.yaml',
} as const;

describe('the shipped validation files', () => {
  it('load with the timeframes each layout implies', () => {
    const layouts = Object.fromEntries(
      Object.entries(FILES).map(([name, file]) => {
        const config = loadMtfConfig(file);
        return [
          name,
          [
            config.mode,
            config.contextTimeframes.join(','),
            config.executionTimeframes.join(','),
            config.executionTimeframeDefault,
          ],
        ];
      }),
    );
    expect(layouts).toEqual({
      '2025-11': ['strict', '4h,1h', '15m,5m,1m', '1m'],
      'older app copy': ['strict', '4h,1h', '15m,5m,1m', '1m'],
      regular: ['pragmatic', '4h,1h', '15m,5m,1m', '15m'],
      scalper: ['pragmatic', '1h,15m', '5m,1m', '5m'],
      scalper_micro: ['pragmatic', '5m', '1m', '1m'],
    });
  });

  for (const [name, file] of Object.entries(FILES)) {
    it(`${name}: a hand-made up-trend is LONG and a down-trend SHORT on every evaluated timeframe`, () => {
      const config = loadMtfConfig(file);
      const up = allContexts(bullishContext);
      // scalper_micro's 1m short needs a pullback to VWAP (its pullback_confirmed is near_vwap or close > MA9).
      const down = allContexts((tf) => bearishContext(tf, name === 'scalper_micro' ? { vwap: 99.1 } : {}));
      const signals = (contexts: Record<MtfTimeframe, ReturnType<typeof bullishContext>>) =>
        config.timeframes.map((tf) => evaluateTimeframe(config, tf, contexts[tf], { peers: contexts }).signal);
      expect(signals(up)).toEqual(config.timeframes.map(() => 'LONG'));
      expect(signals(down)).toEqual(config.timeframes.map(() => 'SHORT'));
    });
  }

  it('the cascade makes the up-trend READY LONG on each file’s execution timeframe', () => {
    const decisions = Object.fromEntries(
      Object.entries(FILES).map(([name, file]) => {
        const decision = evaluateSymbol(loadMtfConfig(file), {
          symbol: 'BTCUSDT',
          contexts: allContexts(bullishContext),
          now: NOW,
        });
        return [name, `${decision.status} ${decision.signal_side} ${decision.execution_tf}`];
      }),
    );
    expect(decisions).toEqual({
      '2025-11': 'READY LONG 1m',
      'older app copy': 'READY LONG 1m',
      regular: 'READY LONG 15m',
      scalper: 'READY LONG 5m',
      scalper_micro: 'READY LONG 1m',
    });
  });

  it('regular’s filters_mandatory (an EMA9×21 cross-up on this bar among them) block a down-trend', () => {
    const decision = evaluateSymbol(loadMtfConfig(FILES.regular), {
      symbol: 'BTCUSDT',
      contexts: allContexts(bearishContext),
      now: NOW,
    });
    expect(decision).toMatchObject({ status: 'INVALID', failed_timeframe: '15m', reason: 'FILTERS_MANDATORY_FAILED' });
    expect(decision.filters?.passed).toBe(false);
  });

  it('YAML thresholds are evaluated, not shadowed: 2025-11 rsi_gt_softfloor is {gt: 30}, not the class default 22', () => {
    const config = loadMtfConfig(FILES['2025-11']);
    const contexts = allContexts((tf) => bearishContext(tf, { rsi: 25 }));
    expect(evaluateTimeframe(config, '15m', contexts['15m']).signal).toBe('NONE');
  });
});
