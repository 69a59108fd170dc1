import type { IncomingHttpHeaders } from 'node:http';
import { BitmartCodes } from '../../exchange/bitmart/protocol/codes.ts';
import { verifyBitmartSignature } from '../../exchange/bitmart/protocol/signing.ts';
import type { Clock } from '../../platform/clock/index.ts';
import type { AccountCredentials, SimEngine } from '../engine/types.ts';
import { BitmartReplyError } from './envelope.ts';

/**
 * Authentication levels of BitMart's futures REST API (docs/reference/bitmart-wire.md#auth-levels, #signing,
 * #what-clients-depend-on). KEYED endpoints check only `X-BM-KEY`: real clients sign GETs three incompatible ways and
 * the real server evidently ignores the signature there. SIGNED endpoints verify the HMAC over the raw
 * body bytes exactly as received, never over a re-serialised body.
 */
export type AuthLevel = 'none' | 'keyed' | 'signed';

/** The timestamp must be within one minute of server time (bitmart-wire.md#timestamp-window). */
const TIMESTAMP_WINDOW_MS = 60_000;

function header(headers: IncomingHttpHeaders, name: string): string {
  const value = headers[name];
  return (Array.isArray(value) ? value[0] : value)?.trim() ?? '';
}

/** 30001 when the key header is empty, 30002 when no account has it. */
export function authenticateKeyed(engine: SimEngine, headers: IncomingHttpHeaders): AccountCredentials {
  const apiKey = header(headers, 'x-bm-key');
  if (!apiKey) throw new BitmartReplyError(BitmartCodes.keyEmpty);
  const account = engine.credentials(apiKey);
  if (!account) throw new BitmartReplyError(BitmartCodes.keyNotFound);
  return account;
}

/**
 * KEYED checks, then the timestamp (30006 empty or not an integer, 30008 not in ms, 30007 outside
 * ±60 s of the clock), then the signature (30004 empty, 30005 wrong). `recvWindow` is ignored: the
 * one-minute window is the documented futures rule.
 */
export function authenticateSigned(
  engine: SimEngine,
  clock: Clock,
  headers: IncomingHttpHeaders,
  rawBody: string,
): AccountCredentials {
  const account = authenticateKeyed(engine, headers);
  const timestamp = header(headers, 'x-bm-timestamp');
  if (!/^\d+$/.test(timestamp)) throw new BitmartReplyError(BitmartCodes.timestampEmpty);
  if (timestamp.length !== 13) throw new BitmartReplyError(BitmartCodes.timestampFormat);
  if (Math.abs(clock.now() - Number(timestamp)) > TIMESTAMP_WINDOW_MS) {
    throw new BitmartReplyError(BitmartCodes.timestampRange);
  }
  const signature = header(headers, 'x-bm-sign');
  if (!signature) throw new BitmartReplyError(BitmartCodes.signEmpty);
  if (!signatureMatches(account, timestamp, rawBody, signature)) throw new BitmartReplyError(BitmartCodes.signWrong);
  return account;
}

/** A POST sent without a body may have been signed over "" or over the "{}" the client meant. */
function signatureMatches(account: AccountCredentials, timestamp: string, rawBody: string, signature: string): boolean {
  if (verifyBitmartSignature(account, timestamp, rawBody, signature)) return true;
  return rawBody.trim() === '' && verifyBitmartSignature(account, timestamp, '{}', signature);
}
