import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MtfService, symbolLockKey } from '../../src/trading-app/mtf-runner/index.ts';
import { mtfApiServer, SCHEDULER_JOB_BODY } from './support/mtfApiServer.ts';
import { type MtfHarness, openMtfHarness } from './support/mtfHarness.ts';

let harness: MtfHarness;
let mtf: MtfService;
let app: FastifyInstance;
beforeAll(async () => {
  harness = await openMtfHarness();
  mtf = harness.service();
  app = mtfApiServer(harness, mtf);
});
afterAll(async () => {
  await app?.close();
  await harness?.close();
});

const post = (url: string, payload: unknown) => app.inject({ method: 'POST', url, payload: payload as object });
const get = (url: string) => app.inject({ method: 'GET', url });

describe('POST /api/mtf/run', () => {
  it("runs with the seeds' body and answers the original's envelope", async () => {
    const response = await post('/api/mtf/run', {
      dry_run: true,
      workers: 1,
      mtf_profile: 'scalper_micro',
      symbols: 'BTCUSDT, ethusdt',
    });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({ status: 'success', message: 'MTF run completed' });
    expect(Object.keys(body.data).sort()).toEqual(
      ['errors', 'last_validated', 'rejected_by', 'results', 'summary', 'summary_by_tf', 'timing', 'workers'].sort(),
    );
    expect(body.data.summary).toMatchObject({
      symbols_requested: 2,
      symbols_processed: 2,
      profile: 'scalper_micro',
      dry_run: true,
    });
    expect(Object.keys(body.data.results)).toEqual(['BTCUSDT', 'ETHUSDT']);
  });

  it('accepts GET with query parameters and a symbols array in POST', async () => {
    expect((await get('/api/mtf/run?symbols=SOLUSDT&dry_run=1&mtf_profile=regular')).statusCode).toBe(200);
    expect((await post('/api/mtf/run', { symbols: ['SOLUSDT'], force_run: true, current_tf: '1m' })).statusCode).toBe(
      200,
    );
  });

  it.each([
    [{ workers: 0 }, 'workers'],
    [{ mtf_profile: 'nope' }, 'mtf_profile'],
    [{ current_tf: '2h' }, 'current_tf'],
    [{ dry_run: 'maybe' }, 'dry_run'],
    // A blank boolean is no boolean (it read as false once, which meant delete for the cleanup).
    [{ dry_run: '' }, 'dry_run'],
    [{ force_run: ' ' }, 'force_run'],
    [{ symbols: ['BTC-USDT'] }, 'symbols'],
    [{ profile: 'scalper' }, 'profile'],
    [{ dry_run: false }, 'dry_run'],
  ])('answers 400 naming the field for %j', async (payload, field) => {
    const response = await post('/api/mtf/run', payload);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ status: 'error', code: 'invalid_parameter' });
    expect(response.json().message).toContain(field);
  });
});

describe("the original's clients", () => {
  it("runs with the scheduler's body, force_timeframe_check included (read by nothing, as in the original)", async () => {
    const response = await post('/api/mtf/run', SCHEDULER_JOB_BODY);
    expect(response.statusCode).toBe(200);
    expect(response.json().data.summary).toMatchObject({ symbols_requested: 1, dry_run: true });
    const wrongType = await post('/api/mtf/run', { force_timeframe_check: 'maybe' });
    expect([wrongType.statusCode, wrongType.json().message]).toEqual([
      400,
      'force_timeframe_check: expected a boolean (true/false, 1/0)',
    ]);
  });

  it("answers the seeds' reads without the /api prefix as their /api twins", async () => {
    for (const path of ['/mtf/status', '/mtf/lock/status', '/mtf/audit?symbol=BTCUSDT&limit=3']) {
      const bare = await get(path);
      expect(bare.statusCode, path).toBe(200);
      expect(bare.json(), path).toEqual((await get(`/api${path}`)).json());
    }
  });
});

describe('input that reached the database and answered 500', () => {
  it.each([
    ['/api/mtf/audit?run_id=%00', 'run_id: contains a NUL character'],
    ['/mtf/audit?step=a%00', 'step: contains a NUL character'],
    ['/api/mtf-audits?runId=r%00', 'runId: contains a NUL character'],
  ])('refuses %s with 400 naming the parameter', async (url, message) => {
    const response = await get(url);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'invalid_parameter', message: expect.stringContaining(message) });
  });

  it('refuses a lock_key or a reason PostgreSQL cannot store, from a form or JSON', async () => {
    const form = await app.inject({
      method: 'POST',
      url: '/api/mtf/lock/force-release',
      payload: 'lock_key=mtf%00execution',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect([form.statusCode, form.json().message]).toEqual([400, 'lock_key: contains a NUL character']);
    const json = await app.inject({
      method: 'POST',
      url: '/api/mtf/lock/force-release',
      payload: '{"lock_key":"mtf_execution","reason":"\\ud800"}',
      headers: { 'content-type': 'application/json' },
    });
    expect([json.statusCode, json.json().message]).toEqual([
      400,
      'reason: contains an unpaired UTF-16 surrogate (not valid Unicode)',
    ]);
  });

  it('refuses a switch duration beyond a year instead of overflowing the date', async () => {
    const before = (await get('/api/mtf/switches')).json().data;
    for (const duration of ['99999999999999999999s', '367d']) {
      const response = await post('/api/mtf/switches', { key: 'GLOBAL', is_on: false, duration });
      expect(response.statusCode).toBe(400);
      expect(response.json().message).toBe('duration: expected at most 366 days (366d)');
    }
    expect((await get('/api/mtf/switches')).json().data).toEqual(before);
    const longest = await post('/api/mtf/switches', { key: 'SYMBOL:TRXUSDT', is_on: true, duration: '366d' });
    expect(longest.statusCode).toBe(200);
  });
});

describe('status, locks, audit, switches', () => {
  it('status reports the last run, the lock count and the switch count', async () => {
    await post('/api/mtf/run', { symbols: ['XRPUSDT'] });
    const body = (await get('/api/mtf/status')).json();
    expect(body.data).toMatchObject({ active_locks: 0, global_switch: 'ON', last_run: { symbols_requested: 1 } });
    expect((await get('/api/mtf/lock/status')).json().data).toMatchObject({ all_active_locks: [] });
  });

  it('lists audits filtered by symbol and step, and refuses a bad limit', async () => {
    const rows = (await get('/api/mtf/audit?symbol=xrpusdt&step=MTF_DECISION&limit=5')).json().data;
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row).toMatchObject({ symbol: 'XRPUSDT', step: 'MTF_DECISION' });
    const bad = await get('/api/mtf/audit?limit=0');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('limit');
  });

  it('sets, lists and toggles switches; an unknown id is 404; a bad key is 400', async () => {
    const set = await post('/api/mtf/switches', {
      key: 'SYMBOL:ADAUSDT',
      is_on: false,
      duration: '15m',
      description: 'test',
    });
    expect(set.statusCode).toBe(200);
    const created = set.json().data;
    expect(created).toMatchObject({ key: 'SYMBOL:ADAUSDT', is_on: false, effective_on: false });
    expect(Date.parse(created.expires_at)).toBe(harness.clock.now() + 15 * 60_000);
    const list = (await get('/api/mtf/switches')).json().data;
    expect(list.map((row: { key: string }) => row.key)).toContain('SYMBOL:ADAUSDT');
    const toggled = await post(`/api/mtf/switches/${created.id}/toggle`, {});
    expect(toggled.json()).toMatchObject({ status: 'success', message: 'Switch toggled', data: { is_on: true } });
    expect((await post('/api/mtf/switches/999999/toggle', {})).statusCode).toBe(404);
    const bad = await post('/api/mtf/switches', { key: 'SYMBOL:', is_on: false });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('key');
    const both = await post('/api/mtf/switches', {
      key: 'GLOBAL',
      is_on: false,
      duration: '1h',
      expires_at: '2030-01-01T00:00:00Z',
    });
    expect(both.json().message).toContain('duration');
  });
});

describe("POST /api/mtf/lock/force-release and /api/mtf/lock/cleanup (the original's routes)", () => {
  const form = (url: string, body: string) =>
    app.inject({
      method: 'POST',
      url,
      payload: body,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
  const activeKeys = async () =>
    (await get('/api/mtf/lock/status')).json().data.all_active_locks.map((lock: { lock_key: string }) => lock.lock_key);

  it('releases a lock another run holds, from the form fields, once; then answers 404', async () => {
    const key = symbolLockKey('LTCUSDT');
    await mtf.locks.acquire([key], 'stuck-run', 600_000);
    expect(await activeKeys()).toContain(key);
    const released = await form('/api/mtf/lock/force-release', `lock_key=${encodeURIComponent(key)}&reason=stuck`);
    expect(released.statusCode).toBe(200);
    expect(released.json()).toMatchObject({
      status: 'success',
      message: 'Lock force released successfully',
      data: { lock_key: key, reason: 'stuck', timestamp: new Date(harness.clock.now()).toISOString() },
    });
    expect(await activeKeys()).not.toContain(key);
    const again = await form('/api/mtf/lock/force-release', `lock_key=${encodeURIComponent(key)}`);
    expect(again.statusCode).toBe(404);
    expect(again.json()).toMatchObject({
      status: 'error',
      message: 'Lock not found or already released',
      data: { lock_key: key },
    });
  });

  it('defaults to the mtf_execution key, takes JSON too, and refuses bad fields naming them', async () => {
    expect((await form('/api/mtf/lock/force-release', '')).json().data).toEqual({ lock_key: 'mtf_execution' });
    const key = symbolLockKey('ADAUSDT');
    await mtf.locks.acquire([key], 'stuck-run', 600_000);
    expect((await post('/api/mtf/lock/force-release', { lock_key: key })).statusCode).toBe(200);
    for (const [body, field] of [
      ['lock_key=x&force=1', 'force'],
      [`lock_key=${'K'.repeat(51)}`, 'lock_key'],
    ] as const) {
      const refused = await form('/api/mtf/lock/force-release', body);
      expect(refused.statusCode).toBe(400);
      expect(refused.json().message).toContain(field);
    }
  });

  it('deletes only the leases that ran out and says how many', async () => {
    await mtf.locks.acquire([symbolLockKey('DOGEUSDT')], 'crashed-run', 0);
    await mtf.locks.acquire([symbolLockKey('BNBUSDT')], 'live-run', 600_000);
    const cleaned = await post('/api/mtf/lock/cleanup', {});
    expect(cleaned.json()).toMatchObject({
      status: 'success',
      message: 'Expired locks cleaned up',
      data: { cleaned_count: 1 },
    });
    expect((await post('/api/mtf/lock/cleanup', {})).json().data.cleaned_count).toBe(0);
    expect(await activeKeys()).toContain(symbolLockKey('BNBUSDT'));
    await mtf.locks.release([symbolLockKey('BNBUSDT')], 'live-run');
  });
});

describe("GET /api/mtf-audits (the original's audit API)", () => {
  interface Row {
    id: number;
    symbol: string;
    step: string;
    verdict: string;
    timestamp: string;
  }
  const page = async (query: string) => (await get(`/api/mtf-audits${query}`)).json() as { total: number; data: Row[] };
  /** The original's rule, written again here as the oracle. */
  const verdictOf = (step: string) => {
    const lower = step.toLowerCase();
    if (/success|validated/.test(lower) || lower === 'completed') return 'SUCCESS';
    if (/failed|error|invalid/.test(lower)) return 'FAILED';
    if (/warning|partial/.test(lower)) return 'WARNING';
    if (/skip|pending/.test(lower)) return 'SKIPPED';
    return 'INFO';
  };

  it('pages the trail newest first in the original shape, with ATOM timestamps', async () => {
    await post('/api/mtf/run', { symbols: ['BTCUSDT', 'ETHUSDT', 'SOLUSDT'] });
    const first = (await get('/api/mtf-audits?limit=5')).json();
    expect(first).toMatchObject({ page: 1, limit: 5 });
    expect(first.total).toBeGreaterThan(10);
    expect(first.data).toHaveLength(5);
    expect(Object.keys(first.data[0]).sort()).toEqual(
      [
        'candleTimestamp',
        'cause',
        'id',
        'payload',
        'runId',
        'step',
        'symbol',
        'timeframe',
        'timestamp',
        'verdict',
      ].sort(),
    );
    for (const row of first.data as Row[]) {
      expect(row.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/);
      expect(row.verdict).toBe(verdictOf(row.step));
    }
    const second = await page('?limit=5&page=2');
    expect(second.total).toBe(first.total);
    const ids = [...first.data, ...second.data].map((row: Row) => row.id);
    expect(new Set(ids).size).toBe(10);
    const ascending = await page('?sort=id&order=asc&limit=20');
    expect(ascending.data.map((row) => row.id)).toEqual([...ascending.data.map((row) => row.id)].sort((a, b) => a - b));
  });

  it('filters by verdict word, step substring and symbol', async () => {
    const all = await page('?limit=500');
    const failed = await page('?verdict=error&limit=500');
    expect(failed.total).toBe(all.data.filter((row) => verdictOf(row.step) === 'FAILED').length);
    expect(failed.total).toBeGreaterThan(0);
    for (const row of failed.data) expect(row.verdict).toBe('FAILED');
    const decisions = await page('?step=decision&limit=500');
    expect(decisions.total).toBeGreaterThan(0);
    for (const row of decisions.data) expect(row.step).toBe('MTF_DECISION');
    for (const row of (await page('?symbol=btcusdt&limit=500')).data) expect(row.symbol).toBe('BTCUSDT');
    expect((await page('?step=%25&limit=500')).total).toBe(0);
  });

  it.each([
    ['?verdict=maybe', 'verdict'],
    ['?sort=size', 'sort'],
    ['?order=up', 'order'],
    ['?limit=0', 'limit'],
    ['?dateFrom=yesterday', 'dateFrom'],
    ['?pages=2', 'pages'],
  ])('answers 400 naming the parameter for %s', async (query, name) => {
    const response = await get(`/api/mtf-audits${query}`);
    expect(response.statusCode).toBe(400);
    expect(response.json().message).toContain(name);
  });
});
