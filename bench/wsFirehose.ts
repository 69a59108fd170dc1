import { once } from 'node:events';
import { Worker } from 'node:worker_threads';

/**
 * A loopback WebSocket server that speaks just enough of BitMart's protocol (acks, pong) for a
 * client to subscribe, then replays the same recorded frames to it as fast as the socket drains.
 * Both clients of the ingest benchmark get identical bytes, so only their own cost differs; the
 * server runs in a worker thread so its sending does not count against the client.
 */
export class WsFirehose {
  readonly #worker: Worker;
  readonly #port: number;

  private constructor(worker: Worker, port: number) {
    this.#worker = worker;
    this.#port = port;
  }

  static async start(): Promise<WsFirehose> {
    const worker = new Worker(new URL('./wsFirehoseWorker.mjs', import.meta.url));
    const [message] = (await once(worker, 'message')) as [{ port: number }];
    return new WsFirehose(worker, message.port);
  }

  get url(): string {
    return `ws://127.0.0.1:${this.#port}/api?protocol=1.1`;
  }

  load(frames: readonly string[]): void {
    this.#worker.postMessage({ type: 'frames', frames });
  }

  /** Sends the loaded frames to the connected client; resolves when all were handed to the socket. */
  async blast(): Promise<void> {
    this.#worker.postMessage({ type: 'blast' });
    await once(this.#worker, 'message');
  }

  async close(): Promise<void> {
    this.#worker.postMessage({ type: 'close' });
    await once(this.#worker, 'exit');
  }
}
