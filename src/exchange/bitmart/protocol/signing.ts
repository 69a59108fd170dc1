import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * BitMart's signature (docs/reference/bitmart-wire.md#signing): lowercase hex HMAC-SHA256 over
 * `timestamp#memo#payload`, where the payload is the exact JSON body of a POST, the query string
 * (without `?`) of a GET, or the literal `bitmart.WebSocket` for the WebSocket login.
 */
export const WS_LOGIN_PAYLOAD = 'bitmart.WebSocket';

export interface SigningKey {
  readonly apiSecret: string;
  readonly apiMemo: string;
}

export function bitmartPrehash(timestamp: string | number, memo: string, payload: string): string {
  return `${timestamp}#${memo}#${payload}`;
}

export function signBitmart(key: SigningKey, timestamp: string | number, payload: string): string {
  return createHmac('sha256', key.apiSecret)
    .update(bitmartPrehash(timestamp, key.apiMemo, payload))
    .digest('hex');
}

/** Constant-time comparison of a received signature with the expected one. */
export function verifyBitmartSignature(
  key: SigningKey,
  timestamp: string | number,
  payload: string,
  signature: string,
): boolean {
  const expected = Buffer.from(signBitmart(key, timestamp, payload), 'utf8');
  const received = Buffer.from(signature.toLowerCase(), 'utf8');
  return expected.length === received.length && timingSafeEqual(expected, received);
}
