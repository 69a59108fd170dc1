import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SystemClock } from '../../src/platform/clock/index.ts';
import { silentLogger } from '../../src/platform/logging/logger.ts';
import { buildTradingAppServer } from '../../src/trading-app/api/buildTradingAppServer.ts';
import { ControlAuditRepository } from '../../src/trading-app/controls/ControlAuditRepository.ts';
import { Controls } from '../../src/trading-app/controls/Controls.ts';
import { TradingAppMetrics } from '../../src/trading-app/metrics/TradingAppMetrics.ts';
import { MtfService } from '../../src/trading-app/mtf-runner/MtfService.ts';
import { createTradingAppStore, type Database, openDatabase } from '../../src/trading-app/store/index.ts';

// Who may trigger a control: loopback freely, anyone else only with APP_API_TOKEN. The peer address
// is the socket's, which only `inject` lets a test on one machine choose.
const TOKEN = 'dashboard-token-0123456789abcdef';
const OFF_LOOPBACK = '10.20.30.40';
const CONFIRMED = JSON.stringify({ confirm: true, actor: 'carol' });

let database: Database;

beforeAll(async () => {
  database = await openDatabase({ dataDir: 'memory://' });
});

afterAll(async () => {
  await database.close();
});

function server(apiToken: string | undefined): FastifyInstance {
  const clock = new SystemClock();
  const logger = silentLogger();
  const mtf = new MtfService({ db: database.drizzle, clock, logger });
  const audit = new ControlAuditRepository(database.drizzle, clock);
  const controls = new Controls({
    audit,
    switches: mtf.switches,
    worker: () => undefined,
    exchange: undefined,
    clock,
    logger,
  });
  return buildTradingAppServer({
    store: createTradingAppStore(database, {
      clock,
      logger,
      alertPolicy: { minAvailable: undefined, maxFrozenPercent: '80' },
    }),
    clock,
    logger,
    metrics: new TradingAppMetrics(),
    sharedSecret: 'control-access-secret-0123456789',
    mtf,
    controls: { service: controls, audit },
    apiToken,
  });
}

const pause = (app: FastifyInstance, remoteAddress: string, authorization?: string) =>
  app.inject({
    method: 'POST',
    url: '/api/controls/entries/pause',
    remoteAddress,
    headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
    payload: CONFIRMED,
  });

describe('control access', () => {
  it('takes controls from loopback only while no APP_API_TOKEN is set', async () => {
    const app = server(undefined);
    const remote = await pause(app, OFF_LOOPBACK);
    expect(remote.statusCode).toBe(403);
    expect(remote.json()).toMatchObject({ code: 'token_required' });
    expect((await pause(app, '127.0.0.1')).statusCode).toBe(200);
    expect((await pause(app, '::1')).statusCode).toBe(200);
    const [latest] = (await app.inject({ method: 'GET', url: '/api/audit', remoteAddress: OFF_LOOPBACK })).json()
      .data as { address: string; actor: string }[];
    expect(latest).toMatchObject({ address: '::1', actor: 'carol' });
  });

  it('takes controls from elsewhere with the token, and only with it, the MTF switches included', async () => {
    const app = server(TOKEN);
    expect((await pause(app, OFF_LOOPBACK)).statusCode).toBe(401);
    expect((await pause(app, OFF_LOOPBACK, `Bearer ${TOKEN}x`)).statusCode).toBe(401);
    const before = (await app.inject({ method: 'GET', url: '/api/audit' })).json().count as number;
    const switchWithout = await app.inject({
      method: 'POST',
      url: '/api/mtf/switches',
      remoteAddress: OFF_LOOPBACK,
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ key: 'GLOBAL', is_on: false }),
    });
    expect(switchWithout.statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url: '/api/mtf/switches' })).json().data).not.toContainEqual(
      expect.objectContaining({ key: 'GLOBAL', is_on: false }),
    );
    expect((await app.inject({ method: 'GET', url: '/api/audit' })).json().count).toBe(before);

    const accepted = await pause(app, OFF_LOOPBACK, `Bearer ${TOKEN}`);
    expect(accepted.statusCode).toBe(200);
    const [latest] = (await app.inject({ method: 'GET', url: '/api/audit' })).json().data as {
      id: number;
      address: string;
      action: string;
    }[];
    expect(latest).toMatchObject({ id: accepted.json().audit_id, address: OFF_LOOPBACK, action: 'entries.pause' });
  });
});
