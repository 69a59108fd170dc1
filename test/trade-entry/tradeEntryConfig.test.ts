import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import {
  loadTradeEntryProfile,
  parseTradeEntryProfile,
  TradeEntryConfigError,
  tradeEntryFileFor,
} from '../../src/trading-app/trade-entry/config/loadTradeEntryProfile.ts';
import type { TradeEntryProfile } from '../../src/trading-app/trade-entry/config/TradeEntryProfile.ts';
import { runConsoleInProcess } from '../support/consoleInProcess.ts';
import { runConsole } from '../support/runConsole.ts';

const CONFIG = new URL('../../config/', import.meta.url).pathname;
// The PHP system's files as pivox/tradingV3 has them (commit/path below, docs/reference/original-system.md#commits),
// when a copy of them sits beside the repository (the team's reference material); the comparison is skipped otherwise.
const ORIGINALS = new URL('../../../shared/tradingv3-config/', import.meta.url).pathname;
const SHIPPED = {
  'trade_entry.yaml': '0d9f7885/trading-app/config/app/trade_entry.yaml',
  'trade_entry.regular.yaml': '44109e0c/trading-app/config/app/trade_entry.regular.yaml',
  'trade_entry.scalper.yaml': '44109e0c/trading-app/config/app/trade_entry.scalper.yaml',
  'trade_entry.scalper_micro.yaml': '44109e0c/trading-app/config/app/trade_entry.scalper_micro.yaml',
} as const;

function yamlFile(text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'trade-entry-')), 'trade_entry.yaml');
  writeFileSync(path, text);
  return path;
}

/** A comparable view of a profile: patterns as their source, no file name, no unused list. */
function meaning(profile: TradeEntryProfile): unknown {
  const { file: _file, unused: _unused, ...rest } = profile;
  return JSON.parse(JSON.stringify(rest, (_key, value) => (value instanceof RegExp ? value.source : value)));
}

type Leaf = { path: (string | number)[]; value: unknown };

function leaves(node: unknown, path: (string | number)[] = []): Leaf[] {
  if (Array.isArray(node)) {
    if (node.every((item) => typeof item !== 'object')) return [{ path, value: node }];
    return node.flatMap((item, index) => leaves(item, [...path, index]));
  }
  if (typeof node === 'object' && node !== null) {
    return Object.entries(node).flatMap(([key, value]) => leaves(value, [...path, key]));
  }
  return [{ path, value: node }];
}

/** Another valid-looking value of the same kind, so a key that is read changes what is planned. */
const ALTERNATIVES: Record<string, string> = {
  atr: 'risk',
  pivot: 'atr',
  nearest_below: 'strongest_below',
  pivot_conservative: 'r_multiple',
  limit: 'market',
  isolated: 'cross',
  floor: 'ceil',
  maker_first: 'taker',
  vwap: 'sma21',
  atr_chandelier: 'break_even',
  '1m': '5m',
};

function perturbed(value: unknown): unknown {
  if (typeof value === 'boolean') return !value;
  if (typeof value === 'number') return Number.isInteger(value) ? value + 1 : value / 2;
  if (Array.isArray(value)) return value.length > 0 ? value.slice(0, -1) : ['5m'];
  if (typeof value === 'string') return ALTERNATIVES[value] ?? `${value}{symbol}{candle_open_ts}-changed`;
  return value;
}

function withLeaf(document: unknown, path: (string | number)[], value: unknown): unknown {
  const copy = structuredClone(document) as Record<string | number, unknown>;
  let node = copy;
  for (const segment of path.slice(0, -1)) node = node[segment] as Record<string | number, unknown>;
  node[path[path.length - 1] as string | number] = value;
  return copy;
}

/** Free text that names or describes the file: shown, not planned with. */
const DESCRIPTIVE = /(^|\.)(meta|description|created_at)(\.|$)/;

describe('trade-entry files', () => {
  it.each(Object.keys(SHIPPED))('loads the shipped config/%s', (name) => {
    const profile = loadTradeEntryProfile(join(CONFIG, name));
    expect(profile.sizing.riskFraction).toBeGreaterThan(0);
    expect(profile.targets.targets.reduce((sum, target) => sum + target.fraction, 0)).toBeCloseTo(1, 12);
  });

  it.runIf(existsSync(ORIGINALS))('ships the original files unchanged', () => {
    for (const [name, original] of Object.entries(SHIPPED)) {
      expect(readFileSync(join(CONFIG, name), 'utf8')).toBe(readFileSync(join(ORIGINALS, original), 'utf8'));
    }
  });

  it('reads both layouts with the meaning of their keys', () => {
    const single = loadTradeEntryProfile(join(CONFIG, 'trade_entry.yaml'));
    expect(single).toMatchObject({
      layout: 'sectioned',
      sizing: { riskFraction: 0.05, basis: 'margin_budget', budgetUsdt: 20 },
      zone: { anchor: 'vwap', timeframe: '5m', kAtr: 0.3, widthMin: 0.0005, widthMax: 0.01 },
      stop: { from: 'atr', atrK: 1.5, minDistance: 0.005 },
      targets: { targets: [{ rMultiple: 2, fraction: 1 }] },
      limits: { dailyLossFraction: 0.06, maxConcurrentPositions: 4 },
    });
    const micro = loadTradeEntryProfile(join(CONFIG, 'trade_entry.scalper_micro.yaml'));
    expect(micro).toMatchObject({
      layout: 'profile',
      sizing: { riskFraction: 0.005, basis: 'equity' },
      stop: { from: 'atr', atrTimeframe: '1m', atrK: 2, minAtrMultiple: 1.5, maxAtrMultiple: 3 },
      targets: {
        targets: [
          { rMultiple: 1.2, fraction: 0.6 },
          { rMultiple: 2, fraction: 0.4 },
        ],
      },
      trailing: { afterTp1: 'atr_chandelier', atrK: 1.5, hardTimeStopSeconds: 2700 },
      limits: { dailyLossFraction: 0.025, dailyMaxTrades: 12, perSymbolDailyMaxTrades: 3 },
      leverage: { exchangeCap: 10 },
    });
  });

  it.each(Object.keys(SHIPPED))(
    'in %s, every key either changes what is planned or is reported as not used',
    (name) => {
      const path = join(CONFIG, name);
      const document = parse(readFileSync(path, 'utf8'));
      const baseline = meaning(loadTradeEntryProfile(path));
      const silent: string[] = [];
      for (const leaf of leaves(document)) {
        const dotted = leaf.path.join('.');
        if (DESCRIPTIVE.test(dotted)) continue;
        let profile: TradeEntryProfile;
        try {
          profile = parseTradeEntryProfile(stringify(withLeaf(document, leaf.path, perturbed(leaf.value))), path);
        } catch (error) {
          expect(error).toBeInstanceOf(TradeEntryConfigError);
          continue; // the key is checked: a wrong value is refused
        }
        const reported = profile.unused.some((key) => dotted === key.path || dotted.startsWith(`${key.path}.`));
        if (!reported && JSON.stringify(meaning(profile)) === JSON.stringify(baseline)) silent.push(dotted);
      }
      expect(silent).toEqual([]);
    },
  );

  it('takes the MTF profile own file, else the single trade_entry.yaml', () => {
    expect(tradeEntryFileFor(CONFIG, 'scalper_micro')).toBe(join(CONFIG, 'trade_entry.scalper_micro.yaml'));
    expect(tradeEntryFileFor(CONFIG, 'default')).toBe(join(CONFIG, 'trade_entry.yaml'));
  });
});

describe('bin/console trade-entry:config:check', () => {
  // A real process once (the loader, the exit code as the shell sees it); the refusals run in process.
  it('prints what each file does and the keys it does not use, exit 0', async () => {
    const result = await runConsole([
      'trade-entry:config:check',
      'config/trade_entry.yaml',
      'config/trade_entry.scalper_micro.yaml',
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('config/trade_entry.yaml: OK (sectioned layout');
    expect(result.stdout).toContain('targets: TP1 1.2R × 60 %, TP2 2R × 40 %');
    expect(result.stdout).toContain(
      'not used: trade_entry.leverage.conviction: the MTF runner grades no confidence or conviction',
    );
  });

  it.each([
    [
      'an unknown key',
      'profile: { name: x }\nrisk: { risk_pct: 1, daily_los_cap_pct: 2 }\n',
      'risk: unknown key(s): daily_los_cap_pct [key: daily_los_cap_pct]',
    ],
    [
      'a value of the wrong type',
      'trade_entry:\n  defaults: { risk_pct_percent: "five" }\n',
      'trade_entry.defaults: Invalid input: expected number, received string [key: risk_pct_percent]',
    ],
    [
      'a TP2 nearer than TP1',
      'profile: { name: x }\nrisk: { risk_pct: 1 }\ntake_profit: { tp1: { r_multiple: 2, qty_fraction: 0.5 }, tp2: { r_multiple: 1, qty_fraction: 0.5 } }\n',
      'take_profit.tp2: TP2 must be further than TP1 [key: r_multiple]',
    ],
    ['neither layout', 'defaults: {}\n', '(root): expected `trade_entry:`'],
    [
      'a broken symbol pattern',
      'trade_entry:\n  defaults: {}\n  leverage: { per_symbol_caps: [ { symbol_regex: "(BTC", cap: 5 } ] }\n',
      'trade_entry.leverage.per_symbol_caps[0]: not a regular expression',
    ],
  ])('exits 2 on %s, naming the file, the path and the key', async (_what, text, message) => {
    const file = yamlFile(text);
    const result = await runConsoleInProcess(['trade-entry:config:check', 'config/trade_entry.yaml', file]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${file}: ${message}`);
    expect(result.stdout).toContain('config/trade_entry.yaml: OK');
  });
});
