import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createServerTestKit } from '../serverTestKit.ts';

/**
 * Golden inputs: the exact requests ccxt 4.5.70 sent to a recording stub (the OKX fixtures'
 * client-requests), replayed byte for byte with the stub's credentials and the clock at each
 * request's timestamp. None may fail authentication, parsing or routing; business refusals in an
 * item's `sCode` (an unknown order id, half a contract) are fine.
 */
const DIR = join(import.meta.dirname, '../../../exchange/okx/fixtures/client-requests');
const STUB_CREDENTIALS = { apiKey: 'TESTKEY', apiSecret: 'TESTSECRET', apiMemo: 'PASS' };
const AUTH_OR_PARSE_CODES = new Set([
  '50000',
  '50002',
  '50006',
  '50014',
  '50103',
  '50104',
  '50105',
  '50106',
  '50107',
  '50111',
  '50112',
  '50113',
]);

interface RecordedRequest {
  readonly kind: string;
  readonly method: 'GET' | 'POST';
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body: string;
}

function recordedRequests(log: string): RecordedRequest[] {
  return readFileSync(join(DIR, log), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as RecordedRequest)
    .filter((entry) => entry.kind === 'http');
}

describe.each(readdirSync(DIR).filter((name) => name.endsWith('.jsonl')))('replaying %s', (log) => {
  it('authenticates, parses and routes every recorded request', async () => {
    const requests = recordedRequests(log);
    const stamped = requests
      .map((request) => request.headers['ok-access-timestamp'])
      .filter((value) => value !== undefined);
    const kit = await createServerTestKit({ startMs: Date.parse(stamped[0]!) - 1_000, credentials: STUB_CREDENTIALS });
    try {
      for (const request of requests) {
        const timestamp = request.headers['ok-access-timestamp'];
        if (timestamp !== undefined && Date.parse(timestamp) > kit.clock.now())
          kit.clock.advanceTo(Date.parse(timestamp));
        const response = await kit.app.inject({
          method: request.method,
          url: request.url,
          headers: request.headers,
          ...(request.method === 'POST' && { payload: request.body }),
        });
        const what = `${request.method} ${request.url} → ${response.statusCode} ${response.body.slice(0, 300)}`;
        expect([401, 404], what).not.toContain(response.statusCode);
        const body = response.json() as { code: string; data?: { sCode?: string }[] };
        expect(AUTH_OR_PARSE_CODES.has(body.code), what).toBe(false);
        expect(typeof body.code, what).toBe('string');
      }
    } finally {
      await kit.close();
    }
  });
});
