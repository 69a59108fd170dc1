import { createHmac } from 'node:crypto';

/**
 * OKX's signature (docs/reference/okx-wire.md#signing; https://www.okx.com/docs-v5/en/#overview-rest-authentication):
 * base64(HMAC-SHA256(secret as UTF-8, timestamp + METHOD + requestPath(+?query) + body)). REST
 * timestamps are ISO-8601 with ms, WS login timestamps Unix seconds; the caller signs the exact
 * request target and body bytes it sends.
 */
export interface OkxCredentials {
  readonly apiKey: string;
  readonly apiSecret: string;
  readonly passphrase: string;
}

export function signOkx(secret: string, prehash: string): string {
  return createHmac('sha256', secret).update(prehash, 'utf8').digest('base64');
}

/** The REST headers of a signed request at `serverTimeMs`. */
export function okxAuthHeaders(
  credentials: OkxCredentials,
  serverTimeMs: number,
  method: 'GET' | 'POST',
  requestTarget: string,
  body: string,
): Record<string, string> {
  const timestamp = new Date(serverTimeMs).toISOString();
  return {
    'ok-access-key': credentials.apiKey,
    'ok-access-passphrase': credentials.passphrase,
    'ok-access-timestamp': timestamp,
    'ok-access-sign': signOkx(credentials.apiSecret, `${timestamp}${method}${requestTarget}${body}`),
  };
}

/** The `login` op's single argument: seconds timestamp, sign over `GET/users/self/verify`. */
export function okxLoginArgs(credentials: OkxCredentials, serverTimeMs: number) {
  const timestamp = String(Math.floor(serverTimeMs / 1000));
  return {
    apiKey: credentials.apiKey,
    passphrase: credentials.passphrase,
    timestamp,
    sign: signOkx(credentials.apiSecret, `${timestamp}GET/users/self/verify`),
  };
}
