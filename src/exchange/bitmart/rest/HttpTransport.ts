import type { Clock } from '../../../platform/clock/index.ts';
import { type HttpAnswer, KeepAliveOrigin } from '../../../platform/http/index.ts';

/**
 * The bottom of the REST client (docs/style.md#layered-exchange-client): one keep-alive pool per base URL and a request
 * deadline on the injected clock (platform/http). Network failures become error kinds here: a
 * failure to connect sent nothing (retryable for any method); any later failure of a POST means
 * BitMart may have acted on it (unknown outcome, never a rejection), while a GET is always safe
 * to send again (retryable).
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

export type HttpResponse = HttpAnswer;

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

/** A retry after a network failure is worth trying soon, but not in a tight loop. */
const NETWORK_RETRY_AFTER_MS = 500;

export class HttpTransport {
  readonly #origin: KeepAliveOrigin;

  constructor(baseUrl: string, options: HttpTransportOptions) {
    this.#origin = new KeepAliveOrigin(baseUrl, {
      clock: options.clock,
      timeoutMs: options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
      connections: options.connections ?? 8,
      ...(options.keepAliveTimeoutMs === undefined ? {} : { keepAliveTimeoutMs: options.keepAliveTimeoutMs }),
      retryAfterMs: NETWORK_RETRY_AFTER_MS,
      unknownOutcomeAdvice: 'BitMart may have acted on it; reconcile before retrying',
    });
  }

  send(request: HttpRequest): Promise<HttpResponse> {
    return this.#origin.send(request);
  }

  /** Closes idle connections and waits for requests in flight. */
  async close(): Promise<void> {
    await this.#origin.close();
  }
}
