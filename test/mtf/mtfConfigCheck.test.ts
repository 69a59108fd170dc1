import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runConsoleInProcess } from '../support/consoleInProcess.ts';

const check = (...files: string[]) => runConsoleInProcess(['mtf:config:check', ...files]);

describe('bin/console mtf:config:check', () => {
  it('prints what each shipped file evaluates and exits 0', async () => {
    const result = await check('config/mtf_validations.yaml', 'config/mtf_validations.scalper_micro.yaml');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('config/mtf_validations.yaml: OK (2025-11 layout, mode strict)');
    expect(result.stdout).toContain('context: 4h, 1h  execution: 15m, 5m, 1m (default 1m)');
    expect(result.stdout).toMatch(/1m long: rules \[[^\]]*macd_hist_slope_pos/);
    expect(result.stdout).toContain('conditions [rsi_bullish]');
  });

  it('exits 2 at the first invalid file, naming the file, the path inside it and the key', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'mtf-check-')), 'broken.yaml');
    writeFileSync(file, "mtf_validation:\n  validation:\n    timeframe:\n      '4h': { long: [no_such_rule] }\n");
    const result = await check('config/mtf_validations.yaml', file, 'config/mtf_validations.regular.yaml');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      `${file}: mtf_validation.validation.timeframe.4h.long[0]: unknown condition or rule "no_such_rule" [key: no_such_rule]`,
    );
    expect(result.stdout).toContain('config/mtf_validations.yaml: OK');
    expect(result.stdout).not.toContain('regular');
  });
});
