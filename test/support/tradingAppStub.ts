import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  verifyWorkerSignature,
  WORKER_SIGNATURE_HEADER,
  WORKER_TIMESTAMP_HEADER,
} from '../../src/platform/hmac/workerSignature.ts';

/** The worker's default paths (TRADING_APP_*_PATH). */
export const ORDER_SIGNAL_PATH = '/api/ws-worker/orders';
export const BALANCE_SIGNAL_PATH = '/api/ws-worker/balance';
export const CALLBACK_PATH = '/api/orders/callback';

/** One signed POST the stand-in app accepted. */
export interface AppRequest {
  readonly path: string;
  readonly body: Record<string, unknown>;
  readonly traceId: string | undefined;
  /** False when the app had already seen this `trace_id` (answered 409, as the app does). */
  readonly firstTime: boolean;
}

export interface TradingAppStub {
  /** `http://127.0.0.1:port`, stable across `down()` / `up()`. */
  readonly url: string;
  /** Every accepted request, duplicates included, in arrival order. */
  readonly requests: readonly AppRequest[];
  /** Requests refused for a bad or missing signature (none expected). */
  readonly unsigned: number;
  /** The deduplicated requests of one path: what the app acts on. */
  effective(path: string): Record<string, unknown>[];
  /** Resolves with the first request (past or future) that `match` accepts. */
  next(match: (request: AppRequest) => boolean, what: string, timeoutMs?: number): Promise<AppRequest>;
  /** Starts listening (again) on the same port. */
  up(): Promise<void>;
  /** Stops listening and drops open connections: attempts are refused, as with an app that is down. */
  down(): Promise<void>;
  close(): Promise<void>;
}

/**
 * A stand-in for the trading-app over loopback: verifies each request's HMAC with
 * `verifyWorkerSignature` (seed 002), deduplicates on `trace_id` as the app does (a repeat is
 * answered 409, which the worker counts as delivered), and can go down and come back on its port.
 * Starts down when `startDown` is set: the port is reserved, nothing listens.
 */
export async function startTradingAppStub(
  secret: string,
  options: { startDown?: boolean } = {},
): Promise<TradingAppStub> {
  const requests: AppRequest[] = [];
  const seen = new Set<string>();
  const waiters = new Set<(request: AppRequest) => void>();
  let unsigned = 0;
  let server: Server | undefined;

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const check = verifyWorkerSignature(
      secret,
      { timestamp: header(request, WORKER_TIMESTAMP_HEADER), signature: header(request, WORKER_SIGNATURE_HEADER) },
      raw,
      Date.now(),
    );
    if (!check.ok) {
      unsigned += 1;
      response.writeHead(401, { 'content-type': 'application/json' }).end(`{"error":"${check.reason}"}`);
      return;
    }
    const body = JSON.parse(raw) as Record<string, unknown>;
    const traceId = typeof body['trace_id'] === 'string' ? body['trace_id'] : undefined;
    const firstTime = traceId === undefined || !seen.has(traceId);
    if (traceId !== undefined) seen.add(traceId);
    const entry: AppRequest = { path: request.url ?? '/', body, traceId, firstTime };
    requests.push(entry);
    for (const waiter of waiters) waiter(entry);
    response
      .writeHead(firstTime ? 202 : 409, { 'content-type': 'application/json' })
      .end(firstTime ? '{"status":"accepted"}' : '{"status":"duplicate"}');
  };

  const listen = async (port: number): Promise<number> => {
    const next = createServer((request, response) => void handle(request, response));
    next.listen(port, '127.0.0.1');
    await once(next, 'listening');
    server = next;
    return (next.address() as AddressInfo).port;
  };
  const stopListening = async (): Promise<void> => {
    const current = server;
    server = undefined;
    if (!current) return;
    current.closeAllConnections();
    current.close();
    await once(current, 'close');
  };

  const port = await listen(0);
  if (options.startDown) await stopListening();

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    get unsigned() {
      return unsigned;
    },
    effective: (path) => requests.filter((r) => r.path === path && r.firstTime).map((r) => r.body),
    next(match, what, timeoutMs = 30_000) {
      const past = requests.find(match);
      if (past) return Promise.resolve(past);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`trading-app stub: timed out after ${timeoutMs} ms waiting for ${what}`));
        }, timeoutMs);
        const waiter = (request: AppRequest): void => {
          if (!match(request)) return;
          clearTimeout(timer);
          waiters.delete(waiter);
          resolve(request);
        };
        waiters.add(waiter);
      });
    },
    up: async () => {
      if (!server) await listen(port);
    },
    down: stopListening,
    close: stopListening,
  };
}

function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** A callback of seed 003 for request `id` with `status` (placed, timeout, closed, …). */
export const callbackOf =
  (id: string, status: string) =>
  (request: AppRequest): boolean =>
    request.path === CALLBACK_PATH &&
    request.body['status'] === status &&
    (request.body['order_id'] === id || request.body['position_id'] === id);
