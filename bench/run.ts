import { backtestBenchmarks } from './backtest.bench.ts';
import { clientBenchmarks } from './client.bench.ts';
import { dashboardBenchmarks } from './dashboard.bench.ts';
import { indicatorBenchmarks } from './indicators.bench.ts';
import { ingestBenchmarks } from './ingest.bench.ts';
import { mtfQueueBenchmarks } from './mtfQueue.bench.ts';
import { mtfRunBenchmarks } from './mtfRun.bench.ts';
import { okxClientBenchmarks } from './okxClient.bench.ts';
import { outboxBenchmarks } from './outbox.bench.ts';
import { simulatedMarketBenchmarks } from './simulatedMarket.bench.ts';
import { simulatorBenchmarks } from './simulator.bench.ts';
import { type BenchLine, formatBenchLine } from './support.ts';
import { tradeEntryBenchmarks } from './tradeEntry.bench.ts';
import { workerFailoverBenchmarks } from './workerFailover.bench.ts';
import { workerLatencyBenchmarks } from './workerLatency.bench.ts';

/**
 * `npm run bench [-- NAME...]`: every benchmark suite (or the named ones) in one run, each line
 * printing ours beside a peer and the ratio.
 */
const suites: Readonly<Record<string, () => Promise<BenchLine[]>>> = {
  simulator: simulatorBenchmarks,
  market: simulatedMarketBenchmarks,
  outbox: outboxBenchmarks,
  // Both venues' clients, each against its npm peer.
  client: async () => [...(await clientBenchmarks()), ...(await okxClientBenchmarks())],
  ingest: ingestBenchmarks,
  indicators: indicatorBenchmarks,
  mtfRun: mtfRunBenchmarks,
  mtfQueue: mtfQueueBenchmarks,
  workerLatency: workerLatencyBenchmarks,
  failover: workerFailoverBenchmarks,
  tradeEntry: tradeEntryBenchmarks,
  backtest: backtestBenchmarks,
  dashboard: dashboardBenchmarks,
};

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !(name in suites));
if (unknown.length > 0) {
  process.stderr.write(`unknown benchmark ${unknown.join(', ')}; known: ${Object.keys(suites).join(', ')}\n`);
  process.exit(2);
}
for (const [name, suite] of Object.entries(suites)) {
  if (wanted.length > 0 && !wanted.includes(name)) continue;
  for (const line of await suite()) process.stdout.write(`${formatBenchLine(line)}\n`);
}
process.exit(0);
