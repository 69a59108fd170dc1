import type { z } from 'zod';
import type { Clock } from '../../../platform/clock/index.ts';
import { FatalExchangeError } from '../../../platform/errors/exchangeErrors.ts';
import { KeepAliveOrigin } from '../../../platform/http/index.ts';
import type { Logger } from '../../../platform/logging/logger.ts';
import type { RateLimitUsage } from '../../port/types.ts';
import { keyFingerprintOf, rateLimitUsageOf } from '../../rest/limiterReadings.ts';
import { ServerTimeOffset } from '../../serverTime/ServerTimeOffset.ts';
import { OkxHeaders, okxTimestamp, signOkx } from '../protocol/signing.ts';
import { OkxServerTimeSchema } from '../protocol/wire/index.ts';
import { OkxRateLimiter, type OkxRateLimitLane } from './OkxRateLimiter.ts';
import { type ParseOutcome, parseOkxResponse } from './parseResponse.ts';
import { clientRateLimitFor, type OkxRateLimit } from './rateLimits.ts';

/**
 * The signed client (docs/style.md#layered-exchange-client): builds the query string or the JSON
 * body itself and signs exactly those bytes (no re-encoding below it), waits for the rate limiter,
 * adds OKX's four auth headers (and `x-simulated-trading: 1` in demo), sends through the keep-alive
 * transport and parses `{code, msg, data}` with the endpoint's row schema. Nothing is added to a
 * body that the endpoint did not put there: no broker tag, no referral code.
 *
 * A 50102 (timestamp outside the window) refused the request before processing: the client
 * measures the server time again and sends once more before giving up.
 */
export type QueryValue = string | number | undefined;

/** An OKX API key: the three values OKX gives at its creation. */
export interface OkxCredentials {
  readonly apiKey: string;
  readonly apiSecret: string;
  readonly passphrase: string;
}

export interface OkxRestClientOptions {
  readonly baseUrl: string;
  readonly credentials: OkxCredentials | undefined;
  readonly clock: Clock;
  /** OKX demo trading: the `x-simulated-trading: 1` header on every request. */
  readonly demo?: boolean;
  readonly logger?: Logger;
  readonly rateLimiter?: OkxRateLimiter;
  readonly rateLimits?: Readonly<Record<string, OkxRateLimit>>;
  readonly requestTimeoutMs?: number;
  readonly clockRefreshIntervalMs?: number;
}

export interface CallOptions {
  /** The instrument a per-instrument limit counts against. */
  readonly instId?: string;
  /** The tag a per-tag limit (cancel-all-after) counts against. */
  readonly tag?: string;
  /** Carried by an `UnknownOutcomeError`, so the caller can look the order up. */
  readonly clientOrderId?: string;
  readonly lane?: OkxRateLimitLane;
}

interface Call extends CallOptions {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly signed: boolean;
  readonly query: string;
  readonly body: string;
}

const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;
const NETWORK_RETRY_AFTER_MS = 500;

export class OkxRestClient {
  readonly #credentials: OkxCredentials | undefined;
  readonly #origin: KeepAliveOrigin;
  readonly #limiter: OkxRateLimiter;
  readonly #time: ServerTimeOffset;
  readonly #demo: boolean;
  readonly #rateLimits: Readonly<Record<string, OkxRateLimit>> | undefined;
  /** Identifies the key in limiter buckets without revealing it. */
  readonly #keyFingerprint: string;

  constructor(options: OkxRestClientOptions) {
    this.#credentials = options.credentials;
    this.#demo = options.demo === true;
    this.#rateLimits = options.rateLimits;
    this.#origin = new KeepAliveOrigin(options.baseUrl, {
      clock: options.clock,
      timeoutMs: options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
      connections: 8,
      retryAfterMs: NETWORK_RETRY_AFTER_MS,
      unknownOutcomeAdvice: 'OKX may have acted on it; reconcile by client order id before retrying',
    });
    this.#limiter =
      options.rateLimiter ??
      new OkxRateLimiter({ clock: options.clock, ...(options.logger ? { logger: options.logger } : {}) });
    this.#time = new ServerTimeOffset({
      venue: 'OKX',
      clock: options.clock,
      fetchServerTime: async () => Number((await this.get('/api/v5/public/time', OkxServerTimeSchema))[0]?.ts),
      ...(options.logger ? { logger: options.logger } : {}),
      ...(options.clockRefreshIntervalMs === undefined ? {} : { refreshIntervalMs: options.clockRefreshIntervalMs }),
    });
    this.#keyFingerprint = keyFingerprintOf(options.credentials?.apiKey);
  }

  get serverClock(): ServerTimeOffset {
    return this.#time;
  }

  get hasCredentials(): boolean {
    return this.#credentials !== undefined;
  }

  /** The limiter's windows (buckets `METHOD path|scope[|instId]`). */
  rateLimitUsage(): readonly RateLimitUsage[] {
    return rateLimitUsageOf(this.#limiter.usage());
  }

  /** A public GET: no auth headers. */
  get<Row extends z.ZodType>(
    path: string,
    row: Row,
    params: Readonly<Record<string, QueryValue>> = {},
    options: CallOptions = {},
  ): Promise<z.output<Row>[]> {
    return this.#call({ method: 'GET', path, signed: false, query: buildQuery(params), body: '', ...options }, row);
  }

  /** A signed GET. */
  getSigned<Row extends z.ZodType>(
    path: string,
    row: Row,
    params: Readonly<Record<string, QueryValue>> = {},
    options: CallOptions = {},
  ): Promise<z.output<Row>[]> {
    return this.#call({ method: 'GET', path, signed: true, query: buildQuery(params), body: '', ...options }, row);
  }

  /** A signed POST of a JSON object or array (batch endpoints take an array). */
  post<Row extends z.ZodType>(
    path: string,
    row: Row,
    body: Readonly<Record<string, unknown>> | readonly Readonly<Record<string, unknown>>[],
    options: CallOptions = {},
  ): Promise<z.output<Row>[]> {
    return this.#call({ method: 'POST', path, signed: true, query: '', body: JSON.stringify(body), ...options }, row);
  }

  async close(): Promise<void> {
    await this.#origin.close();
  }

  async #call<Row extends z.ZodType>(call: Call, row: Row): Promise<z.output<Row>[]> {
    if (call.signed && !this.#credentials) {
      throw new FatalExchangeError(`${call.method} ${call.path} needs an OKX API key and none is configured`);
    }
    let outcome = await this.#attempt(call, row);
    if (!outcome.ok && outcome.resyncClock && call.signed) {
      this.#time.invalidate();
      outcome = await this.#attempt(call, row);
    }
    if (!outcome.ok) {
      if (outcome.resyncClock) this.#time.invalidate();
      throw outcome.error;
    }
    return outcome.rows;
  }

  /** Sends in the caller's turn when the clock is fresh and a slot is free (decision 0008's hot path). */
  #attempt<Row extends z.ZodType>(call: Call, row: Row): Promise<ParseOutcome<z.output<Row>>> {
    const rule = clientRateLimitFor(call.method, call.path, this.#rateLimits);
    const bucket = this.#bucketOf(call, rule);
    if ((!call.signed || this.#time.fresh) && this.#limiter.tryAcquire(bucket, rule, call.lane)) {
      return this.#send(call, row, bucket, rule);
    }
    return this.#attemptAfterWaiting(call, row, bucket, rule);
  }

  async #attemptAfterWaiting<Row extends z.ZodType>(
    call: Call,
    row: Row,
    bucket: string,
    rule: OkxRateLimit,
  ): Promise<ParseOutcome<z.output<Row>>> {
    if (call.signed) await this.#time.now();
    await this.#limiter.acquire(bucket, rule, call.lane);
    return this.#send(call, row, bucket, rule);
  }

  async #send<Row extends z.ZodType>(
    call: Call,
    row: Row,
    bucket: string,
    rule: OkxRateLimit,
  ): Promise<ParseOutcome<z.output<Row>>> {
    const target = call.query ? `${call.path}?${call.query}` : call.path;
    const headers: Record<string, string> = call.method === 'POST' ? { 'content-type': 'application/json' } : {};
    if (this.#demo) headers[OkxHeaders.demo] = '1';
    if (call.signed && this.#credentials) {
      // Taken after the limiter's wait, just before the send.
      const timestamp = okxTimestamp(this.#time.current());
      headers[OkxHeaders.key] = this.#credentials.apiKey;
      headers[OkxHeaders.passphrase] = this.#credentials.passphrase;
      headers[OkxHeaders.timestamp] = timestamp;
      headers[OkxHeaders.sign] = signOkx(this.#credentials.apiSecret, timestamp, call.method, target, call.body);
    }
    const response = await this.#origin.send({
      method: call.method,
      pathAndQuery: target,
      headers,
      ...(call.method === 'POST' ? { body: call.body } : {}),
      ...(call.clientOrderId === undefined ? {} : { clientOrderId: call.clientOrderId }),
    });
    const outcome = parseOkxResponse(response, row, {
      method: call.method,
      path: call.path,
      clientOrderId: call.clientOrderId,
    });
    if (!outcome.ok && outcome.rateLimited) this.#limiter.backOff(bucket, rule.windowMs);
    return outcome;
  }

  #bucketOf(call: Call, rule: OkxRateLimit): string {
    const key = `key:${this.#keyFingerprint}`;
    const head = `${call.method} ${call.path}`;
    switch (rule.per) {
      case 'ip':
      case 'ipInstType':
        return `${head}|ip`;
      case 'ipInstId':
        return `${head}|ip|${call.instId ?? ''}`;
      case 'user':
        return `${head}|${key}`;
      case 'userInstId':
        return `${head}|${key}|${call.instId ?? ''}`;
      case 'userTag':
        return `${head}|${key}|${call.tag ?? ''}`;
    }
  }
}

/**
 * `a=1&b=2` in the given key order, undefined values left out, each value percent-encoded (a comma
 * list becomes `%2C`, as ccxt sends and OKX accepts). This exact string is signed and sent.
 */
export function buildQuery(params: Readonly<Record<string, QueryValue>>): string {
  return Object.entries(params)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`)
    .join('&');
}
