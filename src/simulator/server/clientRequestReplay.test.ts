import { describe, expect, it } from 'vitest';
import { listClientRequestLogs, readClientRequestLog } from '../../exchange/bitmart/fixtures/index.ts';
import { createServerTestKit } from './serverTestKit.ts';

/**
 * Golden inputs: the exact requests ccxt 4.5.70 and bitmart-api 2.5.1 sent to a recording stub
 * (docs/reference/bitmart-wire.md#signing, #conformance-clients), replayed byte for byte with the stub's credentials
 * and the clock at each request's timestamp. None may fail authentication or parsing; business answers (an unknown
 * order id) are fine.
 */
const STUB_CREDENTIALS = { apiKey: 'testkey', apiSecret: 'testsecret', apiMemo: 'testmemo' };
const AUTH_OR_PARSE_CODES = new Set([30001, 30002, 30004, 30005, 30006, 30007, 30008, 30018, 40007, 49998]);

interface RecordedRequest {
  method: 'GET' | 'POST';
  url: string;
  headers: Record<string, string>;
  body: string;
}

function recordedRequests(log: string): RecordedRequest[] {
  return readClientRequestLog(log)
    .filter((entry) => entry.t === 'http')
    .map((entry) => entry as unknown as RecordedRequest);
}

describe.each(listClientRequestLogs().filter((name) => name.endsWith('.rest.jsonl')))('replaying %s', (log) => {
  it('authenticates and parses every recorded request', async () => {
    const requests = recordedRequests(log);
    const firstTimestamp = Number(
      requests.find((request) => request.headers['x-bm-timestamp'])?.headers['x-bm-timestamp'],
    );
    const kit = await createServerTestKit({ startMs: firstTimestamp - 1_000, credentials: STUB_CREDENTIALS });
    try {
      for (const request of requests) {
        const timestamp = Number(request.headers['x-bm-timestamp'] ?? 0);
        if (timestamp > kit.clock.now()) kit.clock.advanceTo(timestamp);
        const response = await kit.app.inject({
          method: request.method,
          url: request.url,
          headers: request.headers,
          ...(request.method === 'POST' && { payload: request.body }),
        });
        const body = response.json();
        expect(AUTH_OR_PARSE_CODES.has(body.code), `${request.method} ${request.url} → ${response.body}`).toBe(false);
        expect(body.code === 1000 || response.statusCode >= 400, `${request.url}: ${response.body}`).toBe(true);
      }
    } finally {
      await kit.close();
    }
  });
});
