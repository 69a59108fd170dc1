/** What is wrong with a series of candle open times, before anything runs on it. */
export interface TimelineProblems {
  /** Runs of absent candles, by open time, both ends inclusive. */
  readonly missing: readonly { readonly from: number; readonly to: number }[];
  /** Open times given more than once. */
  readonly duplicated: readonly number[];
  /** Open times off the timeframe's grid: such a candle overlaps its neighbours. */
  readonly overlapping: readonly number[];
}

/**
 * Checks open times (ascending) against the grid of `stepMs` over [fromMs, toMs): every candle
 * there once, on the grid. Fed one time at a time, so a year of candles never sits in memory twice.
 */
export class CandleTimeline {
  readonly #stepMs: number;
  readonly #fromMs: number;
  readonly #toMs: number;
  readonly #missing: { from: number; to: number }[] = [];
  readonly #duplicated: number[] = [];
  readonly #overlapping: number[] = [];
  /** The next open time the grid expects. */
  #expected: number;
  #previous: number | undefined;

  constructor(stepMs: number, fromMs: number, toMs: number) {
    this.#stepMs = stepMs;
    this.#fromMs = fromMs;
    this.#toMs = toMs;
    this.#expected = fromMs;
  }

  add(openTime: number): void {
    if (openTime < this.#fromMs || openTime >= this.#toMs) return;
    if (openTime === this.#previous) {
      this.#duplicated.push(openTime);
      return;
    }
    this.#previous = openTime;
    if ((openTime - this.#fromMs) % this.#stepMs !== 0) {
      this.#overlapping.push(openTime);
      return;
    }
    if (openTime > this.#expected) this.#missing.push({ from: this.#expected, to: openTime - this.#stepMs });
    this.#expected = Math.max(this.#expected, openTime + this.#stepMs);
  }

  finish(): TimelineProblems {
    if (this.#expected < this.#toMs) this.#missing.push({ from: this.#expected, to: this.#toMs - this.#stepMs });
    this.#expected = this.#toMs;
    return { missing: this.#missing, duplicated: this.#duplicated, overlapping: this.#overlapping };
  }
}

/** True when nothing is missing, duplicated or overlapping. */
export function isClean(problems: TimelineProblems): boolean {
  return problems.missing.length + problems.duplicated.length + problems.overlapping.length === 0;
}

/** One line per kind of problem, the first few of each named: what a person must fix. */
export function describeProblems(series: string, problems: TimelineProblems, stepMs: number): string[] {
  const iso = (time: number) => new Date(time).toISOString();
  const few = <T>(items: readonly T[], show: (item: T) => string) =>
    `${items.slice(0, 3).map(show).join(', ')}${items.length > 3 ? `, and ${items.length - 3} more` : ''}`;
  const lines: string[] = [];
  if (problems.missing.length > 0) {
    const count = problems.missing.reduce((total, gap) => total + (gap.to - gap.from) / stepMs + 1, 0);
    lines.push(
      `${series}: ${candles(count)} missing in ${problems.missing.length} gap${problems.missing.length === 1 ? '' : 's'}: ${few(problems.missing, (gap) => (gap.from === gap.to ? iso(gap.from) : `${iso(gap.from)} to ${iso(gap.to)}`))}`,
    );
  }
  if (problems.duplicated.length > 0) {
    lines.push(`${series}: ${candles(problems.duplicated.length)} given twice: ${few(problems.duplicated, iso)}`);
  }
  if (problems.overlapping.length > 0) {
    lines.push(
      `${series}: ${candles(problems.overlapping.length)} off the ${stepMs / 60_000}m grid, overlapping their neighbours: ${few(problems.overlapping, iso)}`,
    );
  }
  return lines;
}

function candles(count: number): string {
  return `${count} candle${count === 1 ? '' : 's'}`;
}
