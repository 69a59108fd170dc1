import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The worker ⇄ app signature (docs/reference/seed-contracts.md#signal-signing): hex HMAC-SHA256 of
 * `timestamp + "\n" + body` with the shared secret, sent in these two headers. Used for order and
 * balance signals and callbacks.
 */
export const WORKER_TIMESTAMP_HEADER = 'x-ws-worker-timestamp';
export const WORKER_SIGNATURE_HEADER = 'x-ws-worker-signature';
/** A signal older or newer than this is a replay (seed-contracts.md#signal-signing). */
export const WORKER_SIGNATURE_MAX_SKEW_MS = 60_000;

export function signWorkerPayload(secret: string, timestampMs: string, body: string): string {
  return createHmac('sha256', secret).update(`${timestampMs}\n${body}`).digest('hex');
}

export type WorkerSignatureCheck =
  | { readonly ok: true }
  | { readonly ok: false; readonly reason: 'missing_headers' | 'bad_timestamp' | 'stale_timestamp' | 'bad_signature' };

/** Checks both headers, the ±60 s window against `nowMs`, and the HMAC in constant time. */
export function verifyWorkerSignature(
  secret: string,
  headers: { timestamp: string | undefined; signature: string | undefined },
  body: string,
  nowMs: number,
): WorkerSignatureCheck {
  const { timestamp, signature } = headers;
  if (!timestamp || !signature) return { ok: false, reason: 'missing_headers' };
  if (!/^\d{1,16}$/.test(timestamp)) return { ok: false, reason: 'bad_timestamp' };
  if (Math.abs(nowMs - Number(timestamp)) > WORKER_SIGNATURE_MAX_SKEW_MS)
    return { ok: false, reason: 'stale_timestamp' };
  const expected = Buffer.from(signWorkerPayload(secret, timestamp, body), 'utf8');
  const received = Buffer.from(signature.toLowerCase(), 'utf8');
  const matches = expected.length === received.length && timingSafeEqual(expected, received);
  return matches ? { ok: true } : { ok: false, reason: 'bad_signature' };
}
