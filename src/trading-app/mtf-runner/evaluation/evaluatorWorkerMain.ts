import { parentPort } from 'node:worker_threads';
import { SymbolEvaluator } from './SymbolEvaluator.ts';
import type { WorkerReply, WorkerRequest } from './workerProtocol.ts';

/** One evaluator per thread, kept for the thread's life: its IndicatorBook is the warm state. */
const evaluator = new SymbolEvaluator();
const port = parentPort;
if (!port) throw new Error('evaluatorWorkerMain must run in a worker thread');

port.on('message', (request: WorkerRequest) => {
  let reply: WorkerReply;
  try {
    reply = { id: request.id, results: request.jobs.map((job) => evaluator.evaluate(job, request.settings)) };
  } catch (error) {
    reply = { id: request.id, error: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(reply);
});
