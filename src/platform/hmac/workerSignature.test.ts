import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signWorkerPayload, verifyWorkerSignature } from './workerSignature.ts';

const secret = 'shared-secret';
const body = '{"asset":"USDT"}';

describe('worker signature (X-WS-Worker-Signature)', () => {
  it('is the hex HMAC-SHA256 of timestamp, newline, body', () => {
    const expected = createHmac('sha256', secret).update(`1698854400000\n${body}`).digest('hex');
    expect(signWorkerPayload(secret, '1698854400000', body)).toBe(expected);
  });

  it('accepts a fresh signature and refuses missing, stale, malformed or wrong ones', () => {
    const now = 1_700_000_000_000;
    const timestamp = String(now - 1_000);
    const signature = signWorkerPayload(secret, timestamp, body);
    expect(verifyWorkerSignature(secret, { timestamp, signature }, body, now)).toEqual({ ok: true });
    expect(verifyWorkerSignature(secret, { timestamp, signature: undefined }, body, now)).toMatchObject({
      reason: 'missing_headers',
    });
    expect(verifyWorkerSignature(secret, { timestamp, signature }, body, now + 61_000)).toMatchObject({
      reason: 'stale_timestamp',
    });
    expect(verifyWorkerSignature(secret, { timestamp: '12ab', signature }, body, now)).toMatchObject({
      reason: 'bad_timestamp',
    });
    expect(verifyWorkerSignature(secret, { timestamp, signature }, `${body} `, now)).toMatchObject({
      reason: 'bad_signature',
    });
    expect(verifyWorkerSignature('other', { timestamp, signature }, body, now)).toMatchObject({
      reason: 'bad_signature',
    });
  });
});
