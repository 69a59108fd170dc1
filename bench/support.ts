/** Shared printing for benchmarks: ours beside a peer, the ratio, and the target. */
export interface BenchLine {
  readonly name: string;
  readonly ours: number;
  readonly peer: number;
  readonly peerName: string;
  readonly unit: string;
  /** Minimum acceptable value for `ours`, when the issue states one. */
  readonly target?: number;
  /** True when smaller is better (latencies). */
  readonly lowerIsBetter?: boolean;
}

export function formatBenchLine(line: BenchLine): string {
  const ratio = line.lowerIsBetter ? line.peer / line.ours : line.ours / line.peer;
  const target =
    line.target === undefined
      ? ''
      : `  target ${line.lowerIsBetter ? '≤' : '≥'} ${format(line.target)} ${line.unit}: ${
          (line.lowerIsBetter ? line.ours <= line.target : line.ours >= line.target) ? 'met' : 'NOT MET'
        }`;
  return `${line.name}: ours ${format(line.ours)} ${line.unit}, ${line.peerName} ${format(line.peer)} ${line.unit}, ratio ${ratio.toFixed(2)}x${target}`;
}

function format(value: number): string {
  return value >= 100 ? Math.round(value).toLocaleString('en-US') : value.toFixed(2);
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)]!;
}
