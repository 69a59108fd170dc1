import { Worker } from 'node:worker_threads';
import type { EvaluatedSymbol, EvaluationJob, EvaluationSettings } from './EvaluationJob.ts';
import { type Evaluator, laneOf } from './Evaluator.ts';
import type { WorkerReply, WorkerRequest } from './workerProtocol.ts';

/**
 * `workers = N` on one machine: N worker threads, each with its own IndicatorBook. Symbols are
 * partitioned by `laneOf`, so each keeps its state in one thread across runs, and each thread
 * receives only the candles closed since its last run of the symbol. The entry file is a small
 * `.mjs` that registers tsx before importing the TypeScript worker: worker threads do not inherit
 * the loader hooks `bin/console` registers with `tsx/esm/api`, nor vitest's transform.
 */
export class WorkerPoolEvaluator implements Evaluator {
  readonly #workers: Worker[];
  readonly #pending = new Map<
    number,
    { resolve: (results: EvaluatedSymbol[]) => void; reject: (error: Error) => void }
  >();
  #nextId = 1;
  #failure: Error | undefined;

  constructor(size: number) {
    const entry = new URL('./evaluatorWorker.mjs', import.meta.url);
    this.#workers = Array.from({ length: size }, () => {
      const worker = new Worker(entry);
      worker.on('message', (reply: WorkerReply) => this.#settle(reply));
      worker.on('error', (error) => this.#fail(error));
      worker.on('exit', (code) => {
        if (code !== 0) this.#fail(new Error(`evaluator worker exited with code ${code}`));
      });
      return worker;
    });
  }

  get size(): number {
    return this.#workers.length;
  }

  async evaluate(jobs: readonly EvaluationJob[], settings: EvaluationSettings): Promise<EvaluatedSymbol[]> {
    if (this.#failure) throw this.#failure;
    const lanes: EvaluationJob[][] = this.#workers.map(() => []);
    for (const job of jobs) lanes[laneOf(job.symbol, lanes.length)]?.push(job);
    const replies = await Promise.all(
      lanes.map((laneJobs, lane) => (laneJobs.length === 0 ? [] : this.#request(lane, laneJobs, settings))),
    );
    const bySymbol = new Map(replies.flat().map((result) => [result.symbol, result]));
    return jobs.map((job) => bySymbol.get(job.symbol) as EvaluatedSymbol);
  }

  async close(): Promise<void> {
    await Promise.all(this.#workers.map((worker) => worker.terminate()));
    this.#fail(new Error('evaluator pool closed'));
  }

  #request(lane: number, jobs: EvaluationJob[], settings: EvaluationSettings): Promise<EvaluatedSymbol[]> {
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      const request: WorkerRequest = { id, jobs, settings };
      this.#workers[lane]?.postMessage(request);
    });
  }

  #settle(reply: WorkerReply): void {
    const pending = this.#pending.get(reply.id);
    if (!pending) return;
    this.#pending.delete(reply.id);
    if (reply.error !== undefined) pending.reject(new Error(`evaluator worker failed: ${reply.error}`));
    else pending.resolve(reply.results);
  }

  #fail(error: Error): void {
    this.#failure ??= error;
    for (const pending of this.#pending.values()) pending.reject(error);
    this.#pending.clear();
  }
}
