import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExplainedResult } from '../../src/trading-app/mtf/evaluation/ExplainedResult.ts';
import { failedLeaves } from '../../src/trading-app/mtf/evaluation/ExplainedResult.ts';
import { formatDecision, loadMtfConfig } from '../../src/trading-app/mtf/index.ts';
import {
  DEFAULT_CONFIG_DIRECTORY,
  type Diagnosis,
  diagnoseSymbol,
  type MtfService,
  profileConfigPath,
} from '../../src/trading-app/mtf-runner/index.ts';
import { mtfApiServer } from '../mtf-runner/support/mtfApiServer.ts';
import { type MtfHarness, openMtfHarness, RUN_AT } from '../mtf-runner/support/mtfHarness.ts';

// GET /api/mtf/diagnose over stored candles (the simulator market's history in PGlite): the
// diagnose command's tree, now or as a recorded run saw it.
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

const get = (url: string) => app.inject({ method: 'GET', url });

function nodes(result: ExplainedResult): ExplainedResult[] {
  return [result, ...result.children.flatMap(nodes)];
}

describe('GET /api/mtf/diagnose', () => {
  it('answers the decision tree the diagnose command prints, each condition with its value, threshold and verdict', async () => {
    const response = await get('/api/mtf/diagnose?symbol=btcusdt&timeframe=1m&profile=scalper_micro');
    expect(response.statusCode, response.body).toBe(200);
    const data = response.json().data as Diagnosis;
    const config = loadMtfConfig(profileConfigPath(DEFAULT_CONFIG_DIRECTORY, 'scalper_micro'));
    const expected = await diagnoseSymbol(harness.database.drizzle, config, 'BTCUSDT', '1m', RUN_AT);
    expect(data).toMatchObject({
      symbol: 'BTCUSDT',
      profile: 'scalper_micro',
      timeframe: '1m',
      run_id: null,
      at: new Date(RUN_AT).toISOString(),
    });
    expect(data.decision).toEqual(JSON.parse(JSON.stringify(expected)));
    expect(data.text).toBe(formatDecision(expected));
    const evaluated = Object.values(data.decision.timeframes).flatMap((outcome) =>
      outcome?.evaluation ? [outcome.evaluation.long, outcome.evaluation.short] : [],
    );
    expect(evaluated.length).toBeGreaterThan(0);
    const leaves = evaluated.flatMap(nodes).filter((node) => node.children.length === 0);
    expect(leaves.some((leaf) => typeof leaf.value === 'number' && typeof leaf.threshold === 'number')).toBe(true);
    expect(new Set(leaves.map((leaf) => leaf.passed))).toEqual(new Set([true, false]));
  });

  it.each([
    ['', 'symbol'],
    ['symbol=BTC-USDT', 'symbol'],
    ['symbol=BTCUSDT&profile=nope', 'profile'],
    ['symbol=BTCUSDT&timeframe=2h', 'timeframe'],
    // scalper_micro executes on 1m only: forcing 5m would quietly diagnose something else.
    ['symbol=BTCUSDT&timeframe=5m', 'timeframe'],
    ['symbol=BTCUSDT&at=yesterday', 'at'],
    ['symbol=BTCUSDT&run_id=a%20b', 'run_id'],
    ['symbol=BTCUSDT&run_id=abc&profile=regular', 'profile'],
    ['symbol=BTCUSDT&run_id=abc&at=2025-11-07', 'at'],
    ['symbol=BTCUSDT&verbose=1', 'query'],
  ])('answers 400 naming the parameter for ?%s', async (query, field) => {
    const response = await get(`/api/mtf/diagnose?${query}`);
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json()).toMatchObject({ code: 'invalid_parameter' });
    expect(response.json().message).toMatch(new RegExp(`^${field}`));
  });

  it('answers 404 for a run it has no record of', async () => {
    const response = await get('/api/mtf/diagnose?symbol=BTCUSDT&run_id=00000000-0000-0000-0000-000000000000');
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ code: 'run_not_found' });
  });

  it('evaluates a recorded run again at its decision time, with its profile: the verdict and failing conditions it recorded', async () => {
    const run = await app.inject({
      method: 'POST',
      url: '/api/mtf/run',
      payload: { dry_run: true, symbols: ['ETHUSDT', 'SOLUSDT', 'XRPUSDT'], mtf_profile: 'regular' },
    });
    expect(run.statusCode, run.body).toBe(200);
    const { summary, results } = run.json().data as {
      summary: { run_id: string };
      results: Record<string, { status: string }>;
    };
    // Later candles exist; the run's view must not see them.
    harness.clock.advance(3 * 3_600_000);
    let compared = 0;
    for (const symbol of ['ETHUSDT', 'SOLUSDT', 'XRPUSDT']) {
      const response = await get(`/api/mtf/diagnose?symbol=${symbol}&run_id=${summary.run_id}`);
      expect(response.statusCode, response.body).toBe(200);
      const data = response.json().data as Diagnosis;
      expect(data).toMatchObject({ profile: 'regular', run_id: summary.run_id, at: new Date(RUN_AT).toISOString() });
      expect(data.decision.status).toBe(results[symbol]?.status);
      const audits = (await get(`/api/mtf/audit?symbol=${symbol}&run_id=${summary.run_id}`)).json().data as {
        step: string;
        timeframe: string;
        details: { failed_conditions_long?: string[]; failed_conditions_short?: string[] };
      }[];
      for (const row of audits.filter((audit) => audit.step.includes('_VALIDATION_'))) {
        const evaluation = data.decision.timeframes[row.timeframe as '1m']?.evaluation;
        expect(evaluation && failedLeaves(evaluation.long)).toEqual(row.details.failed_conditions_long);
        expect(evaluation && failedLeaves(evaluation.short)).toEqual(row.details.failed_conditions_short);
        compared += 1;
      }
    }
    expect(compared).toBeGreaterThan(0);
  });
});
