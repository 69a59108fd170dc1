import { type Dispatcher, Pool } from 'undici';
import type { Clock } from '../clock/index.ts';
import {
  errorOfFailedCall,
  type FailedCall,
  type HttpAnswer,
  HttpRequestFailure,
  requestWithDeadline,
} from './requestWithDeadline.ts';

export interface KeepAliveOriginOptions {
  readonly clock: Clock;
  /** Deadline of a whole request, from dispatch to the last body byte. */
  readonly timeoutMs: number;
  /** Parallel connections to the host. */
  readonly connections: number;
  /** How long an idle connection is kept; a shorter keep-alive hint from the server wins. Default 30 s. */
  readonly keepAliveTimeoutMs?: number;
  /** Names the peer in error messages (`ws-worker POST /api/place-order`); none for BitMart. */
  readonly label?: string;
  /** The `retryAfterMs` of a retryable network failure. */
  readonly retryAfterMs: number;
  /** What a caller must do when a POST may have been acted on: see `FailedCall`. */
  readonly unknownOutcomeAdvice: string;
  /**
   * The transport, when not a pool of sockets to the base URL: a backtest hands the requests to the
   * server's `inject()` in process (`InjectDispatcher`). The caller's, so `close()` leaves it open.
   */
  readonly dispatcher?: Dispatcher;
}

export interface OriginRequest {
  readonly method: 'GET' | 'POST';
  /** Path and query string, appended to the base URL's path. */
  readonly pathAndQuery: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
  /** Carried by an `UnknownOutcomeError` so the caller can reconcile the order. */
  readonly clientOrderId?: string;
}

/**
 * A keep-alive connection pool to one base URL, so that a request reuses a warm connection instead
 * of paying TCP (and TLS) handshakes, each request within a deadline on the injected clock.
 * A network failure becomes its error kind (`errorOfFailedCall`): `RetryableError` when nothing
 * was sent or for a GET, `UnknownOutcomeError` for a POST that left.
 */
export class KeepAliveOrigin {
  readonly #dispatcher: Dispatcher;
  readonly #ownsDispatcher: boolean;
  readonly #origin: string;
  readonly #pathPrefix: string;
  readonly #clock: Clock;
  readonly #timeoutMs: number;
  readonly #failures: Omit<FailedCall, 'what' | 'method' | 'clientOrderId'>;
  readonly #label: string;

  constructor(baseUrl: string, options: KeepAliveOriginOptions) {
    const url = new URL(baseUrl);
    this.#origin = url.origin;
    this.#ownsDispatcher = options.dispatcher === undefined;
    this.#dispatcher =
      options.dispatcher ??
      new Pool(url.origin, {
        connections: options.connections,
        keepAliveTimeout: options.keepAliveTimeoutMs ?? 30_000,
        // The deadline is the one that counts; undici's own timers are off.
        headersTimeout: 0,
        bodyTimeout: 0,
      });
    this.#pathPrefix = url.pathname.replace(/\/+$/, '');
    this.#clock = options.clock;
    this.#timeoutMs = options.timeoutMs;
    this.#failures = { retryAfterMs: options.retryAfterMs, unknownOutcomeAdvice: options.unknownOutcomeAdvice };
    this.#label = options.label === undefined ? '' : `${options.label} `;
  }

  async send(request: OriginRequest): Promise<HttpAnswer> {
    try {
      return await requestWithDeadline(
        this.#dispatcher,
        {
          origin: this.#origin,
          path: `${this.#pathPrefix}${request.pathAndQuery}`,
          method: request.method,
          headers: request.headers,
          ...(request.body === undefined ? {} : { body: request.body }),
        },
        { clock: this.#clock, timeoutMs: this.#timeoutMs },
      );
    } catch (error) {
      if (!(error instanceof HttpRequestFailure)) throw error;
      throw errorOfFailedCall(error, {
        ...this.#failures,
        what: `${this.#label}${request.method} ${request.pathAndQuery.split('?', 1)[0]}`,
        method: request.method,
        ...(request.clientOrderId === undefined ? {} : { clientOrderId: request.clientOrderId }),
      });
    }
  }

  /** Closes idle connections and waits for requests in flight. */
  async close(): Promise<void> {
    if (this.#ownsDispatcher) await this.#dispatcher.close();
  }
}
