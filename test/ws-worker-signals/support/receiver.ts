import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Clock } from '../../../src/platform/clock/index.ts';
import {
  verifyWorkerSignature,
  WORKER_SIGNATURE_HEADER,
  WORKER_TIMESTAMP_HEADER,
  type WorkerSignatureCheck,
} from '../../../src/platform/hmac/workerSignature.ts';

/** One request as the peer saw it. */
export interface ReceivedRequest {
  readonly path: string;
  readonly contentType: string | undefined;
  readonly rawBody: string;
  readonly body: Record<string, unknown>;
  readonly timestampHeader: string | undefined;
  readonly signature: WorkerSignatureCheck;
  /** `clock.now()` when it arrived (the test's manual clock). */
  readonly at: number;
}

/** A status to answer with, or 'hang' to never answer (a timeout). */
export type Answer = number | 'hang';

export interface Receiver {
  readonly port: number;
  readonly received: ReceivedRequest[];
  url(path?: string): string;
  /** Bodies whose signature checked out, in arrival order. */
  verifiedBodies(path?: string): Record<string, unknown>[];
  close(): Promise<void>;
}

export interface ReceiverOptions {
  readonly secret: string;
  readonly clock: Clock;
  /** Decides each answer; 202 by default. A bad signature always gets 401. */
  readonly answer?: (request: ReceivedRequest, index: number) => Answer;
  /** Listen on this port (to bring a "crashed" app back where it was). */
  readonly port?: number;
}

/**
 * A fault-injecting HTTP peer for the outbox's own mechanics (answers a test dictates: 400, 5xx,
 * 408, 429, never answering; ordering; fsync and restart behaviour), which the real app cannot be
 * made to produce on demand. It checks each request's HMAC with `verifyWorkerSignature`. What the
 * app does with every signal and callback is tested against the real app in
 * `../workerApp.contract.test.ts`.
 */
export async function startReceiver(options: ReceiverOptions): Promise<Receiver> {
  const received: ReceivedRequest[] = [];
  const hanging: ServerResponse[] = [];
  const server: Server = createServer((request, response) => {
    void handle(request, response);
  });
  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const rawBody = Buffer.concat(chunks).toString('utf8');
    const timestampHeader = header(request, WORKER_TIMESTAMP_HEADER);
    const signature = verifyWorkerSignature(
      options.secret,
      { timestamp: timestampHeader, signature: header(request, WORKER_SIGNATURE_HEADER) },
      rawBody,
      options.clock.now(),
    );
    const entry: ReceivedRequest = {
      path: request.url ?? '/',
      contentType: header(request, 'content-type'),
      rawBody,
      body: JSON.parse(rawBody) as Record<string, unknown>,
      timestampHeader,
      signature,
      at: options.clock.now(),
    };
    received.push(entry);
    const answer = signature.ok ? (options.answer?.(entry, received.length - 1) ?? 202) : 401;
    if (answer === 'hang') {
      hanging.push(response);
      return;
    }
    response.writeHead(answer, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ status: answer < 300 ? 'accepted' : 'error', code: answer }));
  }
  server.listen(options.port ?? 0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    received,
    url: (path = '/api/ws-worker/orders') => `http://127.0.0.1:${port}${path}`,
    verifiedBodies: (path) =>
      received.filter((entry) => entry.signature.ok && (!path || entry.path === path)).map((entry) => entry.body),
    close: async () => {
      for (const response of hanging) response.destroy();
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}

function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** A loopback port with nothing listening: connections are refused. */
export async function refusedPort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as AddressInfo).port;
  server.close();
  await once(server, 'close');
  return port;
}
