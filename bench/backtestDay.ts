import { writeFileSync } from 'node:fs';
import { seededHistory } from '../src/backtest/data/seededHistory.ts';
import { HISTORY_BEFORE_START_MS, runBacktest } from '../src/backtest/runBacktest.ts';
import { Dec } from '../src/platform/decimal/index.ts';
import { CONTRACT_CATALOG } from '../src/simulator/market/index.ts';
import { MinuteSeries } from '../src/simulator/replay/index.ts';

/**
 * `npx tsx bench/backtestDay.ts OUT.json [HOURS]`: the backtest bench's run (seeded BTCUSDT, seed 7,
 * scalper_micro) over a day, its whole result as JSON (trades, decisions not traded by reason, the
 * equity each minute, summary, statistics), so a speed change can show the same bytes before and after.
 */
const [out, hours = '24'] = process.argv.slice(2);
if (!out) throw new Error('usage: backtestDay.ts OUT.json [HOURS]');
const FROM = Date.UTC(2026, 0, 5);
const toMs = FROM + Number(hours) * 3_600_000;
const spec = CONTRACT_CATALOG.find((contract) => contract.symbol === 'BTCUSDT');
if (!spec) throw new Error('the catalog lists BTCUSDT');
const series = MinuteSeries.of(
  'BTCUSDT',
  spec.tickSize,
  seededHistory({ seed: 7, symbol: 'BTCUSDT', fromMs: FROM - HISTORY_BEFORE_START_MS, toMs }),
);
const result = await runBacktest({
  profile: 'scalper_micro',
  series: [{ spec, series }],
  fromMs: FROM,
  toMs,
  balanceUsdt: new Dec(10_000),
  seed: 7,
});
writeFileSync(out, `${JSON.stringify(result, (_key, value) => (value instanceof Dec ? value.toFixed() : value), 1)}\n`);
process.exit(0);
