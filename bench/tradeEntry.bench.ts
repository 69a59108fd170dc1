import type { BenchLine } from './support.ts';
import { decisionToOrder } from './tradeEntry/decisionToOrder.ts';
import { minuteCycle } from './tradeEntry/minuteCycle.ts';
import { plannerThroughput } from './tradeEntry/plannerThroughput.ts';

/**
 * Trade entry, end to end, in three parts (bench/tradeEntry/):
 *
 * 1. Planner throughput: `planTrade` on realistic inputs (the simulator's candles, the shipped
 *    `config/trade_entry*.yaml`), against the original's planner transcribed into floats. That
 *    peer because it is what we replaced: the same formulas on IEEE doubles, which is how the PHP
 *    computed, so the ratio is the price of exact decimal money (Dec) on the same decisions. A
 *    "decimal.js directly" peer would measure nothing: `Dec` is decimal.js. Both must reproduce
 *    the original's worked example before either is timed.
 * 2. A full minute over 200 symbols: the MTF run with live trade entry for its READY decisions
 *    (preflight, plan, risk gate, trade record), against the 1 s budget; also with every symbol
 *    planned (the worst case), since only some are READY on simulator data.
 * 3. Decision → entry order arrival at the simulator over loopback (app `LiveTradeEntry` → worker
 *    `ws:run` → simulator), p50/p99 against the seeds' 500 ms
 * (docs/reference/seed-contracts.md#latency-targets), beside the original's direct path.
 *
 * Each part says on stderr what it decided and the load of the machine, so that a figure can be read.
 */
export async function tradeEntryBenchmarks(): Promise<BenchLine[]> {
  return [...(await plannerThroughput()), ...(await minuteCycle()), ...(await decisionToOrder())];
}
