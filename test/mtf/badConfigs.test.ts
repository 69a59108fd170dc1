import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadMtfConfig, MtfConfigError } from '../../src/trading-app/mtf/index.ts';

const directory = mkdtempSync(join(tmpdir(), 'mtf-bad-'));
function load(yaml: string): MtfConfigError {
  const file = join(directory, 'bad.yaml');
  writeFileSync(file, yaml);
  try {
    loadMtfConfig(file);
  } catch (error) {
    if (error instanceof MtfConfigError) return error;
    throw error;
  }
  throw new Error('expected a MtfConfigError');
}
const minimal = (validation: string, rules = '{}') => `mtf_validation:
  rules: ${rules}
  validation:
    timeframe:
${validation}`;
const FULL = `      '4h': { long: [ema_50_gt_200], short: [ema_50_lt_200] }
      '1h': { long: [], short: [] }
      '15m': { long: [], short: [] }
      '5m': { long: [], short: [] }
      '1m': { long: [], short: [] }`;

describe('invalid files fail at load time naming file, path and key', () => {
  it('an unknown condition name', () => {
    const error = load(minimal(FULL.replace('ema_50_gt_200', 'ema_50_gt_2000')));
    expect(error).toMatchObject({ path: 'mtf_validation.validation.timeframe.4h.long[0]', key: 'ema_50_gt_2000' });
    expect(error.file).toContain('bad.yaml');
    expect(error.message).toMatch(/unknown condition or rule "ema_50_gt_2000"/);
  });
  it('a malformed rule', () => {
    const error = load(minimal(FULL, '{ my_rule: { frobnicate: 3 } }'));
    expect(error).toMatchObject({ path: 'mtf_validation.rules.my_rule', key: 'frobnicate' });
  });
  it('an unknown parameter of a condition', () => {
    const error = load(minimal(FULL, '{ rsi_lt_70: { treshold: 65 } }'));
    expect(error).toMatchObject({ path: 'mtf_validation.rules.rsi_lt_70', key: 'treshold' });
  });
  it('{gt: N} under a "less than" condition', () => {
    expect(load(minimal(FULL, '{ rsi_lt_70: { gt: 65 } }'))).toMatchObject({
      path: 'mtf_validation.rules.rsi_lt_70',
      key: 'gt',
    });
  });
  it('a timeframe key out of place', () => {
    expect(load(minimal(`${FULL}\n      '2h': { long: [] }`))).toMatchObject({
      path: 'mtf_validation.validation.timeframe',
      key: '2h',
    });
    const misplaced = `mtf_validation:\n  validation:\n    '4h': { long: [] }\n    timeframe: {}\n`;
    expect(load(misplaced)).toMatchObject({ path: 'mtf_validation.validation', key: '4h' });
  });
  it('a wrong type', () => {
    expect(
      load(minimal(FULL.replace("'1h': { long: [], short: [] }", "'1h': { long: 'rsi_lt_70', short: [] }"))),
    ).toMatchObject({
      path: 'mtf_validation.validation.timeframe.1h',
      key: 'long',
    });
    expect(load(`mtf_validation:\n  allow_skip_lower_tf: 'yes'\n  validation: { timeframe: {} }\n`)).toMatchObject({
      path: 'mtf_validation',
      key: 'allow_skip_lower_tf',
    });
  });
  it('an override of the wrong type, an unknown selector check, a used timeframe without lists, bad YAML', () => {
    expect(
      load(minimal(FULL.replace('[ema_50_gt_200]', '[{ macd_line_cross_up_with_hysteresis: { min_gap: high } }]'))),
    ).toMatchObject({ key: 'min_gap' });
    const selector = minimal(FULL).replace(
      '  rules: {}',
      '  rules: {}\n  execution_selector: { stay_on_15m_if: [ { moon_phase_gt: 2 } ] }',
    );
    expect(load(selector)).toMatchObject({
      path: 'mtf_validation.execution_selector.stay_on_15m_if[0]',
      key: 'moon_phase_gt',
    });
    expect(load(minimal(`      '4h': { long: [] }`))).toMatchObject({
      path: 'mtf_validation.validation.timeframe',
      key: '1h',
    });
    expect(load('mtf_validation: [unclosed')).toMatchObject({ key: '(yaml)' });
  });
});
