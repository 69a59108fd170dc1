import { simulatorBenchmarks } from './simulator.bench.ts';
import { formatBenchLine } from './support.ts';

/** `npm run bench`: every benchmark in one run, each printing ours beside a peer and the ratio. */
const suites = [simulatorBenchmarks];

for (const suite of suites) {
  for (const line of await suite()) process.stdout.write(`${formatBenchLine(line)}\n`);
}
process.exit(0);
