import { describe, expect, it } from 'vitest';
import { leaf } from './ExplainedResult.ts';
import { formatResult } from './formatDecision.ts';

describe('formatResult', () => {
  it('prints values with six significant digits and no exponent', () => {
    const line = (value: number, threshold: number) => formatResult(leaf('price_above', true, value, threshold, {}))[0];
    expect(line(1_234_567.891, 12)).toBe('✓ price_above value=1234570 threshold=12');
    expect(line(12.000000001, 0.000123456789)).toBe('✓ price_above value=12 threshold=0.000123457');
    expect(line(101_250.5, -0.5)).toBe('✓ price_above value=101251 threshold=-0.5');
  });
});
