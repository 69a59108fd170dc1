import { once } from 'node:events';
import { Worker } from 'node:worker_threads';

/** Recorded OKX pushes, by the endpoint that sends them. */
export interface OkxFrames {
  readonly public: readonly string[];
  readonly business: readonly string[];
}

/**
 * A loopback server that speaks just enough of OKX's WebSocket protocol (subscribe acks, pong) on
 * `/ws/v5/public` and `/ws/v5/business` for a client to subscribe, then replays the same recorded
 * frames to it as fast as the sockets drain. Both clients of the ingest benchmark get identical
 * bytes, so only their own cost differs; the server runs in a worker thread.
 */
export class OkxWsFirehose {
  readonly #worker: Worker;
  readonly #port: number;

  private constructor(worker: Worker, port: number) {
    this.#worker = worker;
    this.#port = port;
  }

  static async start(): Promise<OkxWsFirehose> {
    const worker = new Worker(new URL('./okxWsFirehoseWorker.mjs', import.meta.url));
    const [message] = (await once(worker, 'message')) as [{ port: number }];
    return new OkxWsFirehose(worker, message.port);
  }

  /** The base URL: a client appends `/ws/v5/public` or `/ws/v5/business`. */
  get url(): string {
    return `ws://127.0.0.1:${this.#port}`;
  }

  /** `args`: how many channel args the client subscribes on each endpoint before frames flow. */
  load(frames: OkxFrames, args: { readonly public: number; readonly business: number }): void {
    this.#worker.postMessage({ type: 'frames', frames, args });
  }

  /** Waits for the client's subscriptions, then sends the loaded frames; resolves once all were handed to the sockets. */
  async blast(): Promise<void> {
    this.#worker.postMessage({ type: 'blast' });
    await once(this.#worker, 'message');
  }

  async close(): Promise<void> {
    this.#worker.postMessage({ type: 'close' });
    await once(this.#worker, 'exit');
  }
}
