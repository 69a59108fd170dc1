import type { BitmartCredentials } from '../../../platform/config/bitmartConfig.ts';
import { signBitmart, WS_LOGIN_PAYLOAD } from '../protocol/signing.ts';
import { type BitmartWsAccess, BitmartWsAccessSchema } from '../protocol/wire/index.ts';

/**
 * The private login (docs/reference/bitmart-wire.md#signing, #websocket-requests): `[apiKey, timestamp, sign, "web"]`,
 * the sign being the HMAC of `timestamp#memo#bitmart.WebSocket`. The timestamp is a string of ms and must
 * be within 60 s of the server's clock (bitmart-wire.md#websocket-replies). Checked against our own strict schema
 * before it leaves, like every input we produce.
 */
export function loginFrame(credentials: BitmartCredentials, nowMs: number): BitmartWsAccess {
  const timestamp = String(nowMs);
  return BitmartWsAccessSchema.parse({
    action: 'access',
    args: [credentials.apiKey, timestamp, signBitmart(credentials, timestamp, WS_LOGIN_PAYLOAD), 'web'],
  });
}
