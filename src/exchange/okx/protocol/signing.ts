import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * OKX's signature (https://www.okx.com/docs-v5/en/#overview-rest-authentication-making-requests):
 * base64 HMAC-SHA256, keyed by the secret's UTF-8 bytes, over `timestamp + METHOD + requestPath + body`.
 * `requestPath` is the request target exactly as sent (path and `?query`, undecoded: ccxt encodes a
 * comma as `%2C`, okx-api does not, and both are valid); `body` is the exact POST body, empty for GET.
 * The WebSocket login signs `timestamp + "GET" + "/users/self/verify"` with the timestamp in seconds.
 */

export const OKX_WS_LOGIN_PATH = '/users/self/verify';

export function okxPrehash(timestamp: string, method: string, requestPath: string, body = ''): string {
  return `${timestamp}${method.toUpperCase()}${requestPath}${body}`;
}

export function signOkx(secret: string, timestamp: string, method: string, requestPath: string, body = ''): string {
  return createHmac('sha256', secret)
    .update(okxPrehash(timestamp, method, requestPath, body))
    .digest('base64');
}

/** The `sign` of a WebSocket login; `timestampSeconds` as sent in the login's `timestamp`. */
export function signOkxWsLogin(secret: string, timestampSeconds: string): string {
  return signOkx(secret, timestampSeconds, 'GET', OKX_WS_LOGIN_PATH);
}

/** Constant-time comparison of a received signature with the expected one. */
export function verifyOkxSignature(
  secret: string,
  signature: string,
  timestamp: string,
  method: string,
  requestPath: string,
  body = '',
): boolean {
  const expected = Buffer.from(signOkx(secret, timestamp, method, requestPath, body), 'utf8');
  const received = Buffer.from(signature, 'utf8');
  return expected.length === received.length && timingSafeEqual(expected, received);
}

/** `OK-ACCESS-TIMESTAMP`: UTC ISO-8601 with milliseconds, `2020-12-08T09:08:57.715Z`. */
export function okxTimestamp(epochMs: number): string {
  return new Date(epochMs).toISOString();
}

const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** The epoch ms of an `OK-ACCESS-TIMESTAMP`, or undefined when it is not ISO-8601 with milliseconds (50112). */
export function parseOkxTimestamp(value: string): number | undefined {
  if (!ISO_MS.test(value)) return undefined;
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? ms : undefined;
}

/** The REST auth headers (and `x-simulated-trading` for demo trading). */
export const OkxHeaders = {
  key: 'ok-access-key',
  sign: 'ok-access-sign',
  timestamp: 'ok-access-timestamp',
  passphrase: 'ok-access-passphrase',
  demo: 'x-simulated-trading',
} as const;
