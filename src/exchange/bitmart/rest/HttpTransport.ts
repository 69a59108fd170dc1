import { Pool } from 'undici';
import type { Clock } from '../../../platform/clock/index.ts';
import { RetryableError, UnknownOutcomeError } from '../../../platform/errors/exchangeErrors.ts';
import { describeNetworkError, networkErrorCode } from '../../../platform/errors/networkErrors.ts';

/**
 * The bottom of the REST client (house style §4): one undici connection pool per base URL with
 * keep-alive, so that a submit-order reuses a warm connection instead of paying TCP (and TLS)
 * handshakes, and a request deadline on the injected clock.
 *
 * Network failures become error kinds here, because only this layer knows how far a request got:
 * a failure to connect means nothing was sent (retryable for any method); any later failure of a
 * POST means BitMart may have acted on it (unknown outcome, never a rejection), while a GET is
 * always safe to send again (retryable).
 */
export interface HttpRequest {
  readonly method: 'GET' | 'POST';
  /** Path and query string, e.g. `/contract/private/order?symbol=BTCUSDT&order_id=1`. */
  readonly pathAndQuery: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
  /** Carried by an `UnknownOutcomeError` so the caller can reconcile the order. */
  readonly clientOrderId?: string;
}

export interface HttpResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly bodyText: string;
}

export interface HttpTransportOptions {
  readonly clock: Clock;
  /** Deadline of a whole request, from dispatch to the last body byte. Default 10 s. */
  readonly requestTimeoutMs?: number;
  /** Parallel connections to the host. Default 8. */
  readonly connections?: number;
  /** How long an idle connection is kept; a shorter keep-alive hint from the server wins. Default 30 s. */
  readonly keepAliveTimeoutMs?: number;
}

export const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;

/** Error codes of failures that happen before a single byte of the request left. */
const NOT_SENT_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/** A retry after a network failure is worth trying soon, but not in a tight loop. */
const NETWORK_RETRY_AFTER_MS = 500;

export class HttpTransport {
  readonly #pool: Pool;
  readonly #pathPrefix: string;
  readonly #clock: Clock;
  readonly #timeoutMs: number;

  constructor(baseUrl: string, options: HttpTransportOptions) {
    const url = new URL(baseUrl);
    this.#pool = new Pool(url.origin, {
      connections: options.connections ?? 8,
      keepAliveTimeout: options.keepAliveTimeoutMs ?? 30_000,
      // The deadline below is the one that counts; undici's own timers only back it up.
      headersTimeout: 0,
      bodyTimeout: 0,
    });
    this.#pathPrefix = url.pathname.replace(/\/+$/, '');
    this.#clock = options.clock;
    this.#timeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  }

  async send(request: HttpRequest): Promise<HttpResponse> {
    const controller = new AbortController();
    const deadline = this.#clock.setTimeout(() => controller.abort(), this.#timeoutMs);
    try {
      const response = await this.#pool.request({
        path: `${this.#pathPrefix}${request.pathAndQuery}`,
        method: request.method,
        headers: request.headers,
        ...(request.body === undefined ? {} : { body: request.body }),
        signal: controller.signal,
      });
      const bodyText = await response.body.text();
      return { status: response.statusCode, headers: response.headers, bodyText };
    } catch (error) {
      throw this.#classify(error, request, controller.signal.aborted);
    } finally {
      this.#clock.clearTimer(deadline);
    }
  }

  /** Closes idle connections and waits for requests in flight. */
  async close(): Promise<void> {
    await this.#pool.close();
  }

  #classify(error: unknown, request: HttpRequest, timedOut: boolean): Error {
    const what = `${request.method} ${request.pathAndQuery.split('?', 1)[0]}`;
    const reason = timedOut ? `no answer within ${this.#timeoutMs} ms` : describeNetworkError(error);
    if (!timedOut && NOT_SENT_CODES.has(networkErrorCode(error))) {
      return new RetryableError(`${what} could not connect (${reason})`, NETWORK_RETRY_AFTER_MS, undefined, {
        cause: error,
      });
    }
    if (request.method === 'GET') {
      return new RetryableError(`${what} failed (${reason})`, NETWORK_RETRY_AFTER_MS, undefined, { cause: error });
    }
    return new UnknownOutcomeError(
      `${what} was sent and then failed (${reason}): BitMart may have acted on it; reconcile before retrying`,
      request.clientOrderId,
      { cause: error },
    );
  }
}
