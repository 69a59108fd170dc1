import { Pool } from 'undici';
import type { Clock } from '../../platform/clock/index.ts';
import { RetryableError, UnknownOutcomeError } from '../../platform/errors/exchangeErrors.ts';
import { describeNetworkError, networkErrorCode } from '../../platform/errors/networkErrors.ts';

/**
 * One keep-alive connection pool to the worker's control API, with a deadline per request on the
 * injected clock. Network failures become error kinds here, where it is known how far a request
 * got: a failed connect sent nothing (retryable), a POST that fails later may have been queued
 * (unknown outcome: ask the worker before sending it again), a GET can always be repeated.
 */
export interface WorkerHttpResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly bodyText: string;
}

const NOT_SENT_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/** The worker restarts in seconds (systemd, docker); retrying sooner only adds noise. */
export const NETWORK_RETRY_AFTER_MS = 1_000;

export class WorkerHttp {
  readonly #pool: Pool;
  readonly #pathPrefix: string;
  readonly #clock: Clock;
  readonly #timeoutMs: number;

  constructor(baseUrl: string, options: { clock: Clock; timeoutMs: number }) {
    const url = new URL(baseUrl);
    // The deadline below is the one that counts; undici's own timers are off.
    this.#pool = new Pool(url.origin, { connections: 4, keepAliveTimeout: 30_000, headersTimeout: 0, bodyTimeout: 0 });
    this.#pathPrefix = url.pathname.replace(/\/+$/, '');
    this.#clock = options.clock;
    this.#timeoutMs = options.timeoutMs;
  }

  async send(request: {
    method: 'GET' | 'POST';
    path: string;
    headers: Record<string, string>;
    body?: string;
    clientOrderId?: string;
  }): Promise<WorkerHttpResponse> {
    const controller = new AbortController();
    const deadline = this.#clock.setTimeout(() => controller.abort(), this.#timeoutMs);
    try {
      const response = await this.#pool.request({
        path: `${this.#pathPrefix}${request.path}`,
        method: request.method,
        headers: request.headers,
        ...(request.body === undefined ? {} : { body: request.body }),
        signal: controller.signal,
      });
      return { status: response.statusCode, headers: response.headers, bodyText: await response.body.text() };
    } catch (error) {
      const what = `ws-worker ${request.method} ${request.path}`;
      const timedOut = controller.signal.aborted;
      const reason = timedOut ? `no answer within ${this.#timeoutMs} ms` : describeNetworkError(error);
      if ((!timedOut && NOT_SENT_CODES.has(networkErrorCode(error))) || request.method === 'GET') {
        throw new RetryableError(`${what} failed (${reason})`, NETWORK_RETRY_AFTER_MS, undefined, { cause: error });
      }
      throw new UnknownOutcomeError(
        `${what} was sent and then failed (${reason}): the worker may have queued it; check ordersStatus() before resending`,
        request.clientOrderId,
        { cause: error },
      );
    } finally {
      this.#clock.clearTimer(deadline);
    }
  }

  async close(): Promise<void> {
    await this.#pool.close();
  }
}
