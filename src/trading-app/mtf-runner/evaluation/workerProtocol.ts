import type { EvaluatedSymbol, EvaluationJob, EvaluationSettings } from './EvaluationJob.ts';

/** Runner → worker thread: evaluate these jobs. */
export interface WorkerRequest {
  readonly id: number;
  readonly jobs: readonly EvaluationJob[];
  readonly settings: EvaluationSettings;
}

/** Worker thread → runner, one per request. */
export type WorkerReply =
  | { readonly id: number; readonly results: EvaluatedSymbol[]; readonly error?: undefined }
  | { readonly id: number; readonly error: string };
