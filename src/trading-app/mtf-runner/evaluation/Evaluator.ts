import type { EvaluatedSymbol, EvaluationJob, EvaluationSettings } from './EvaluationJob.ts';
import { SymbolEvaluator } from './SymbolEvaluator.ts';

/** Where symbols are evaluated: in the runner's thread, or spread over worker threads. */
export interface Evaluator {
  /** Results in the order of `jobs`. */
  evaluate(jobs: readonly EvaluationJob[], settings: EvaluationSettings): Promise<EvaluatedSymbol[]>;
  close(): Promise<void>;
}

/** Sequential evaluation in the calling thread (`workers = 1`). */
export class InProcessEvaluator implements Evaluator {
  readonly #evaluator = new SymbolEvaluator();

  async evaluate(jobs: readonly EvaluationJob[], settings: EvaluationSettings): Promise<EvaluatedSymbol[]> {
    return jobs.map((job) => this.#evaluator.evaluate(job, settings));
  }

  async close(): Promise<void> {}
}

/**
 * Which of `lanes` evaluators owns a symbol: a stable hash, so a symbol goes to the same worker in
 * every run and finds its indicator state there.
 */
export function laneOf(symbol: string, lanes: number): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < symbol.length; index += 1) {
    hash ^= symbol.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % lanes;
}
