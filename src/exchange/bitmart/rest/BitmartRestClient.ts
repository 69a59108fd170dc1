import type { z } from 'zod';
import type { Clock } from '../../../platform/clock/index.ts';
import type { BitmartCredentials } from '../../../platform/config/bitmartConfig.ts';
import { FatalExchangeError, RetryableError } from '../../../platform/errors/exchangeErrors.ts';
import type { Logger } from '../../../platform/logging/logger.ts';
import type { RateLimitUsage } from '../../port/types.ts';
import { keyFingerprintOf, rateLimitUsageOf } from '../../rest/limiterReadings.ts';
import { header } from '../../rest/restAnswers.ts';
import { ServerTimeOffset } from '../../serverTime/ServerTimeOffset.ts';
import { type RestRateLimitFamily, restRateLimitFamilyFor } from '../protocol/rateLimits.ts';
import { signBitmart } from '../protocol/signing.ts';
import { type BitmartRestPath, BitmartRestResponseSchemas } from '../protocol/wire/index.ts';
import { type HttpResponse, HttpTransport } from './HttpTransport.ts';
import { type ParseOutcome, parseBitmartResponse, retryAfterMsOf } from './parseResponse.ts';
import { type RateLimitLane, RestRateLimiter } from './RestRateLimiter.ts';

/**
 * The signed client (docs/style.md#layered-exchange-client): builds the query or body, waits for the
 * rate limiter, adds the auth headers (docs/reference/bitmart-wire.md#auth-levels, #signing), sends through the
 * transport and parses the envelope with the path's wire schema. Endpoint methods (rest/endpoints/) sit on top of it.
 *
 * - NONE: no auth headers.
 * - KEYED GET: `X-BM-KEY`, plus a timestamp and a signature over `ts#memo#query` (the query
 *   without `?`, exactly as sent) as the docs describe; BitMart checks only the key.
 * - SIGNED POST: `X-BM-KEY`, `X-BM-TIMESTAMP`, `X-BM-SIGN` over the exact body string sent.
 *
 * A 30007 (timestamp outside the window) refused the request before it was processed: the
 * client measures the server time again and sends once more before giving up.
 */
export type QueryValue = string | number | undefined;
export type BitmartResponseData<P extends BitmartRestPath> = z.output<(typeof BitmartRestResponseSchemas)[P]>['data'];

export interface BitmartRestClientOptions {
  readonly baseUrl: string;
  readonly credentials: BitmartCredentials | undefined;
  readonly clock: Clock;
  readonly logger?: Logger;
  readonly transport?: HttpTransport;
  /** Share one between every client of the process that uses the same key. */
  readonly rateLimiter?: RestRateLimiter;
  readonly requestTimeoutMs?: number;
  readonly clockRefreshIntervalMs?: number;
  readonly rateLimits?: Readonly<Record<string, RestRateLimitFamily>>;
}

export interface PostOptions {
  /** Carried by an `UnknownOutcomeError`, so the caller can look the order up. */
  readonly clientOrderId?: string | undefined;
  /** `protective` for a request that closes or protects a position (RestRateLimiter). */
  readonly lane?: RateLimitLane;
}

interface Call {
  readonly method: 'GET' | 'POST';
  readonly path: BitmartRestPath;
  readonly auth: 'none' | 'keyed' | 'signed';
  readonly query?: string;
  readonly body?: string;
  readonly clientOrderId?: string;
  readonly lane?: RateLimitLane;
}

export class BitmartRestClient {
  readonly #credentials: BitmartCredentials | undefined;
  readonly #transport: HttpTransport;
  readonly #limiter: RestRateLimiter;
  readonly #time: ServerTimeOffset;
  readonly #logger: Logger | undefined;
  readonly #rateLimits: Readonly<Record<string, RestRateLimitFamily>> | undefined;
  /** Identifies the key in rate-limit buckets and logs without revealing it. */
  readonly #keyFingerprint: string;

  constructor(options: BitmartRestClientOptions) {
    this.#credentials = options.credentials;
    this.#logger = options.logger;
    this.#rateLimits = options.rateLimits;
    this.#transport =
      options.transport ??
      new HttpTransport(options.baseUrl, {
        clock: options.clock,
        ...(options.requestTimeoutMs === undefined ? {} : { requestTimeoutMs: options.requestTimeoutMs }),
      });
    this.#limiter =
      options.rateLimiter ??
      new RestRateLimiter({ clock: options.clock, ...(options.logger ? { logger: options.logger } : {}) });
    this.#time = new ServerTimeOffset({
      venue: 'BitMart',
      clock: options.clock,
      fetchServerTime: async () => (await this.get('/system/time', 'none')).server_time,
      ...(options.logger ? { logger: options.logger } : {}),
      ...(options.clockRefreshIntervalMs === undefined ? {} : { refreshIntervalMs: options.clockRefreshIntervalMs }),
    });
    this.#keyFingerprint = keyFingerprintOf(options.credentials?.apiKey);
  }

  /** The server-time offset used for signing (see ServerTimeOffset). */
  get serverClock(): ServerTimeOffset {
    return this.#time;
  }

  /** The limiter's windows by endpoint (buckets are `path|ip` or `path|key:fingerprint`, see #attempt). */
  rateLimitUsage(): readonly RateLimitUsage[] {
    return rateLimitUsageOf(this.#limiter.usage());
  }

  get<P extends BitmartRestPath>(
    path: P,
    auth: 'none' | 'keyed',
    params: Readonly<Record<string, QueryValue>> = {},
  ): Promise<BitmartResponseData<P>> {
    return this.#call<P>({ method: 'GET', path, auth, query: buildQuery(params) });
  }

  post<P extends BitmartRestPath>(
    path: P,
    body: Readonly<Record<string, unknown>>,
    options: PostOptions = {},
  ): Promise<BitmartResponseData<P>> {
    const { clientOrderId, lane } = options;
    return this.#call<P>({
      method: 'POST',
      path,
      auth: 'signed',
      body: JSON.stringify(body),
      ...(clientOrderId ? { clientOrderId } : {}),
      ...(lane ? { lane } : {}),
    });
  }

  async close(): Promise<void> {
    await this.#transport.close();
  }

  async #call<P extends BitmartRestPath>(call: Call): Promise<BitmartResponseData<P>> {
    if (call.auth !== 'none' && !this.#credentials) {
      throw new FatalExchangeError(`${call.method} ${call.path} needs an API key and none is configured`);
    }
    let outcome = await this.#attempt(call);
    if (!outcome.ok && outcome.resyncClock && call.auth !== 'none' && retryAfterOf(outcome.error) === 0) {
      // A timestamp refusal (30007, 40039): nothing happened, so measure the clock again and
      // send once more. Other clock-related codes (40013 "too often") wait for the caller.
      this.#time.invalidate();
      outcome = await this.#attempt(call);
    }
    if (!outcome.ok) {
      if (outcome.resyncClock) this.#time.invalidate();
      throw outcome.error;
    }
    // The envelope was parsed with the schema registered for this path, so its data has P's type.
    return (outcome.data as { data: BitmartResponseData<P> }).data;
  }

  /**
   * The hot path: when the server-time offset is fresh and the limiter has a free slot, the
   * request is signed and handed to the transport in the caller's turn of the event loop (no
   * promise hop on the way: each one let unrelated queued work run first, ~0.25 ms per submit).
   * Otherwise it waits for the clock measurement and the slot first.
   * (docs/decisions/0008-worker-trigger-latency.md)
   */
  #attempt(call: Call): Promise<ParseOutcome<unknown>> {
    const family = restRateLimitFamilyFor(call.path, this.#rateLimits);
    const bucket = family.per === 'ip' ? `${call.path}|ip` : `${call.path}|key:${this.#keyFingerprint}`;
    if ((call.auth === 'none' || this.#time.fresh) && this.#limiter.tryAcquire(bucket, family, call.lane)) {
      return this.#send(call, bucket, family);
    }
    return this.#attemptAfterWaiting(call, bucket, family);
  }

  async #attemptAfterWaiting(call: Call, bucket: string, family: RestRateLimitFamily): Promise<ParseOutcome<unknown>> {
    // Measure the server time (if due) before taking a slot, so the slot's time is the send time.
    if (call.auth !== 'none') await this.#time.now();
    await this.#limiter.acquire(bucket, family, call.lane);
    return this.#send(call, bucket, family);
  }

  async #send(call: Call, bucket: string, family: RestRateLimitFamily): Promise<ParseOutcome<unknown>> {
    const headers = this.#headers(call);
    const pathAndQuery = call.query ? `${call.path}?${call.query}` : call.path;
    const response = await this.#transport.send({
      method: call.method,
      pathAndQuery,
      headers,
      ...(call.body === undefined ? {} : { body: call.body }),
      ...(call.clientOrderId === undefined ? {} : { clientOrderId: call.clientOrderId }),
    });
    this.#limiter.observe(bucket, family, rateLimitObservation(response));
    if (response.status === 429) this.#limiter.backOff(bucket, retryAfterMsOf(response, family.windowMs));
    return parseBitmartResponse(response, BitmartRestResponseSchemas[call.path], {
      method: call.method,
      path: call.path,
      clientOrderId: call.clientOrderId,
    });
  }

  #headers(call: Call): Record<string, string> {
    const headers: Record<string, string> = call.method === 'POST' ? { 'content-type': 'application/json' } : {};
    if (call.auth === 'none') return headers;
    const credentials = this.#credentials;
    if (!credentials) return headers;
    // Taken after the limiter's wait, just before the send.
    const timestamp = String(this.#time.current());
    const payload = call.method === 'POST' ? (call.body ?? '') : (call.query ?? '');
    return {
      ...headers,
      'x-bm-key': credentials.apiKey,
      'x-bm-timestamp': timestamp,
      'x-bm-sign': signBitmart(credentials, timestamp, payload),
    };
  }
}

function retryAfterOf(error: Error): number | undefined {
  return error instanceof RetryableError ? error.retryAfterMs : undefined;
}

/** `a=1&b=2` in the given key order, without undefined values; this exact string is signed and sent. */
export function buildQuery(params: Readonly<Record<string, QueryValue>>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined) search.append(key, String(value));
  return search.toString();
}

function rateLimitObservation(response: HttpResponse) {
  const number = (name: string): number | undefined => {
    const value = Number(header(response, name));
    return header(response, name) !== undefined && Number.isFinite(value) ? value : undefined;
  };
  const resetSeconds = number('x-bm-ratelimit-reset');
  return {
    used: number('x-bm-ratelimit-remaining'),
    limit: number('x-bm-ratelimit-limit'),
    resetMs: resetSeconds === undefined ? undefined : resetSeconds * 1000,
  };
}
