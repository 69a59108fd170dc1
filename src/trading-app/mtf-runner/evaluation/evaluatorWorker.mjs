// Worker-thread entry: register tsx in this thread (loader hooks are per thread), then run the
// TypeScript worker. See WorkerPoolEvaluator.
import { register } from 'tsx/esm/api';

register();
await import('./evaluatorWorkerMain.ts');
