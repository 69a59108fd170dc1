import type { IncomingHttpHeaders } from 'node:http';
import { OkxCodes } from '../../../exchange/okx/protocol/codes.ts';
import { OkxHeaders, parseOkxTimestamp, verifyOkxSignature } from '../../../exchange/okx/protocol/signing.ts';
import type { Clock } from '../../../platform/clock/index.ts';
import type { AccountCredentials, SimEngine } from '../../engine/types.ts';
import { OkxReplyError } from './replies.ts';

/**
 * OKX's private REST auth (https://www.okx.com/docs-v5/en/#overview-rest-authentication-making-requests).
 * The simulator's account credentials serve both faces: the OKX passphrase is the account's memo.
 * The signature is verified over the request target exactly as received (path and raw query) and
 * the raw body, never over a re-serialised form. `x-simulated-trading` is accepted and changes
 * nothing: every simulator account is a demo account.
 */

/** OKX does not publish the window; 30 s is the value clients report. */
export const OKX_TIMESTAMP_WINDOW_MS = 30_000;

function header(headers: IncomingHttpHeaders, name: string): string {
  const value = headers[name];
  return (Array.isArray(value) ? value[0] : value)?.trim() ?? '';
}

export function authenticateOkx(
  engine: SimEngine,
  clock: Clock,
  request: {
    readonly headers: IncomingHttpHeaders;
    readonly method: string;
    readonly target: string;
    readonly rawBody: string;
  },
): AccountCredentials {
  const { headers } = request;
  const apiKey = header(headers, OkxHeaders.key);
  if (!apiKey) throw new OkxReplyError(OkxCodes.keyEmpty);
  const passphrase = header(headers, OkxHeaders.passphrase);
  if (!passphrase) throw new OkxReplyError(OkxCodes.passphraseEmpty);
  const signature = header(headers, OkxHeaders.sign);
  if (!signature) throw new OkxReplyError(OkxCodes.signEmpty);
  const timestamp = header(headers, OkxHeaders.timestamp);
  if (!timestamp) throw new OkxReplyError(OkxCodes.timestampEmpty);
  const account = engine.credentials(apiKey);
  if (!account) throw new OkxReplyError(OkxCodes.invalidKey);
  const sentAt = parseOkxTimestamp(timestamp);
  if (sentAt === undefined) throw new OkxReplyError(OkxCodes.invalidTimestamp);
  if (Math.abs(clock.now() - sentAt) > OKX_TIMESTAMP_WINDOW_MS) throw new OkxReplyError(OkxCodes.timestampExpired);
  if (passphrase !== account.apiMemo) throw new OkxReplyError(OkxCodes.passphraseIncorrect);
  const body = request.method === 'GET' ? '' : request.rawBody;
  if (!verifyOkxSignature(account.apiSecret, signature, timestamp, request.method, request.target, body)) {
    throw new OkxReplyError(OkxCodes.invalidSign);
  }
  return account;
}
