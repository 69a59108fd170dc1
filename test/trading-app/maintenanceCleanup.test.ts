import { and, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/platform/logging/logger.ts';
import { MIN_KLINES_LIMIT, RetentionCleanup } from '../../src/trading-app/maintenance/RetentionCleanup.ts';
import type { MtfService } from '../../src/trading-app/mtf-runner/index.ts';
import { indicatorSnapshots } from '../../src/trading-app/store/schema.ts';
import { mtfApiServer } from '../mtf-runner/support/mtfApiServer.ts';
import { type MtfHarness, openMtfHarness } from '../mtf-runner/support/mtfHarness.ts';

const DAY_MS = 86_400_000;

let harness: MtfHarness;
let mtf: MtfService;
let app: FastifyInstance;
beforeAll(async () => {
  harness = await openMtfHarness();
  mtf = harness.service();
  app = mtfApiServer(harness, mtf, {
    maintenance: new RetentionCleanup(harness.database.drizzle, harness.clock, silentLogger()),
  });
  await mtf.run({ symbols: ['BTCUSDT', 'ETHUSDT'], dryRun: true });
});
afterAll(async () => {
  await app?.close();
  await harness?.close();
});

interface Series {
  symbol: string;
  timeframe: string;
  count: number;
  newest: string;
}

async function series(): Promise<Series[]> {
  const result = await harness.database.drizzle.execute(
    'select symbol, timeframe, count(*)::int as count, max(open_time)::text as newest from klines group by 1, 2 order by 1, 2',
  );
  return (result as unknown as { rows: Series[] }).rows;
}

const surplusOf = (rows: Series[], keep: number) =>
  rows.reduce((total, row) => total + Math.max(0, row.count - keep), 0);
const auditCount = async () => (await mtf.audit({ limit: 500 })).length;
const cleanup = (query: string) => app.inject({ method: 'GET', url: `/api/maintenance/cleanup${query}` });
const postForm = (body: string) =>
  app.inject({
    method: 'POST',
    url: '/api/maintenance/cleanup',
    payload: body,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });

describe('/api/maintenance/cleanup (reference: Maintenance)', () => {
  it('is a dry run unless told otherwise: it reports what it would delete and deletes nothing', async () => {
    const before = await series();
    const expected = surplusOf(before, MIN_KLINES_LIMIT);
    expect(expected).toBeGreaterThan(0);
    const response = await cleanup(`?klines_limit=${MIN_KLINES_LIMIT}`);
    expect(response.statusCode).toBe(200);
    expect(response.json().data).toMatchObject({
      dry_run: true,
      symbol: null,
      klines: { keep_per_series: MIN_KLINES_LIMIT, deleted: expected },
      mtf_audit: { older_than_days: 3, deleted: 0 },
      signals: { deleted: 0 },
    });
    expect(await series()).toEqual(before);
  });

  it('never deletes on a GET: dry_run=false there is a 400 saying deletion needs a POST', async () => {
    const [klines, audits] = [await series(), await auditCount()];
    const response = await cleanup(`?dry_run=false&klines_limit=${MIN_KLINES_LIMIT}`);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({
      status: 'error',
      code: 'invalid_parameter',
      message: 'dry_run: deleting needs a POST; a GET is always a dry run',
    });
    expect([await series(), await auditCount()]).toEqual([klines, audits]);
  });

  it.each([
    ['GET', '?dry_run=', 'expected true or false'],
    ['GET', '?dry_run=%20', 'expected true or false'],
    ['GET', '?dry_run=maybe', 'expected true or false'],
    ['GET', '?dry_run=0', 'to delete, say dry_run=false in so many words'],
    ['GET', '?dry_run=-0', 'expected true or false'],
    ['POST', '{"dry_run":""}', 'expected true or false'],
    ['POST', '{"dry_run":" "}', 'expected true or false'],
    ['POST', '{"dry_run":0}', 'to delete, say dry_run=false in so many words'],
    ['POST', '{"dry_run":"no"}', 'to delete, say dry_run=false in so many words'],
  ])('refuses the malformed boolean of %s %s with 400 naming dry_run, deleting nothing', async (method, input, why) => {
    const before = await series();
    const response =
      method === 'GET'
        ? await cleanup(`${input}&klines_limit=${MIN_KLINES_LIMIT}`)
        : await app.inject({
            method: 'POST',
            url: `/api/maintenance/cleanup?klines_limit=${MIN_KLINES_LIMIT}`,
            headers: { 'content-type': 'application/json' },
            payload: input,
          });
    expect(response.statusCode).toBe(400);
    expect(response.json().message).toMatch(new RegExp(`^dry_run: ${why}`));
    expect(await series()).toEqual(before);
  });

  it("takes the original scheduler's body, whose dry_run is true: a dry run, nothing deleted", async () => {
    const before = await series();
    const response = await app.inject({
      method: 'POST',
      url: '/api/maintenance/cleanup',
      payload: { workers: 5, dry_run: true, force_run: false, force_timeframe_check: false, current_tf: '1m' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().data).toMatchObject({ dry_run: true, symbol: null });
    expect(await series()).toEqual(before);
  });

  it("reads the scheduler's symbols as the one symbol, and refuses several rather than cleaning all", async () => {
    const one = await app.inject({
      method: 'POST',
      url: '/api/maintenance/cleanup',
      payload: { symbols: ['ethusdt'] },
    });
    expect(one.json().data).toMatchObject({ dry_run: true, symbol: 'ETHUSDT' });
    const two = await app.inject({
      method: 'POST',
      url: '/api/maintenance/cleanup',
      payload: { dry_run: false, symbols: ['ETHUSDT', 'BTCUSDT'] },
    });
    expect([two.statusCode, two.json().message]).toEqual([
      400,
      'symbols: cleanup takes one symbol or none (all), not 2',
    ]);
  });

  it('keeps the newest candles of each series of the symbol it is given, and no other', async () => {
    const before = await series();
    const response = await postForm(`dry_run=false&symbol=BTCUSDT&klines_limit=${MIN_KLINES_LIMIT}`);
    const btc = before.filter((row) => row.symbol === 'BTCUSDT');
    expect(response.json().data.klines.deleted).toBe(surplusOf(btc, MIN_KLINES_LIMIT));
    const after = await series();
    for (const row of after) {
      const was = before.find((old) => old.symbol === row.symbol && old.timeframe === row.timeframe)!;
      expect(row.newest).toBe(was.newest);
      expect(row.count).toBe(row.symbol === 'BTCUSDT' ? Math.min(was.count, MIN_KLINES_LIMIT) : was.count);
    }
  });

  it('keeps the newest indicator snapshots of each series, as many as klines', async () => {
    const start = Date.UTC(2025, 10, 1);
    const rows = Array.from({ length: MIN_KLINES_LIMIT + 40 }, (_, index) => ({
      symbol: 'SOLUSDT',
      timeframe: '1m',
      klineTime: new Date(start + index * 60_000),
      values: { rsi: index },
      createdAt: new Date(start),
    }));
    await harness.database.drizzle.insert(indicatorSnapshots).values(rows);
    const response = await app.inject({
      method: 'POST',
      url: '/api/maintenance/cleanup',
      payload: { dry_run: false, symbol: 'SOLUSDT', klines_limit: MIN_KLINES_LIMIT },
    });
    expect(response.json().data.indicator_snapshots).toEqual({ keep_per_series: MIN_KLINES_LIMIT, deleted: 40 });
    const kept = await harness.database.drizzle
      .select({ klineTime: indicatorSnapshots.klineTime })
      .from(indicatorSnapshots)
      .where(and(eq(indicatorSnapshots.symbol, 'SOLUSDT'), eq(indicatorSnapshots.timeframe, '1m')));
    const times = kept.map((row) => row.klineTime.getTime()).sort((a, b) => a - b);
    expect(times).toHaveLength(MIN_KLINES_LIMIT);
    expect(times[0]).toBe(start + 40 * 60_000);
  });

  it('deletes the audits older than audit_days, from a JSON body', async () => {
    const audits = await auditCount();
    expect(audits).toBeGreaterThan(0);
    const keepAll = await app.inject({ method: 'POST', url: '/api/maintenance/cleanup', payload: { dry_run: false } });
    expect(keepAll.json().data.mtf_audit.deleted).toBe(0);
    harness.clock.advance(4 * DAY_MS);
    const response = await app.inject({
      method: 'POST',
      url: '/api/maintenance/cleanup',
      payload: { dry_run: false, audit_days: 3 },
    });
    expect(response.json().data.mtf_audit).toMatchObject({ older_than_days: 3, deleted: audits });
    expect(await auditCount()).toBe(0);
  });

  it.each([
    ['?klines_limit=10', 'klines_limit'],
    ['?audit_days=0', 'audit_days'],
    ['?dry_run=maybe', 'dry_run'],
    ['?symbol=BTC-USDT', 'symbol'],
    ['?keep=5', 'keep'],
  ])('answers 400 naming the parameter for %s', async (query, name) => {
    const response = await cleanup(query);
    expect(response.statusCode).toBe(400);
    expect(response.json().message).toContain(name);
  });

  it('lists its defaults', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/maintenance/cleanup/defaults' })).json().data).toEqual({
      dry_run: true,
      klines_limit: 500,
      min_klines_limit: MIN_KLINES_LIMIT,
      audit_days: 3,
      signal_days: 3,
    });
  });
});
