import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/platform/logging/logger.ts';
import { buildControlApi } from '../../src/ws-worker/control-api/controlApp.ts';
import type { WorkerStatus } from '../../src/ws-worker/control-api/statusView.ts';
import type { WorkerControl } from '../../src/ws-worker/control-api/WorkerControl.ts';
import { corpusFor, type RouteInputs, registeredRoutes } from '../support/httpFuzzCorpus.ts';
import { type FuzzRun, fuzzRandomRequests, runFuzzCases } from '../support/httpFuzzRunner.ts';
import { runSocketFuzz } from '../support/rawHttp.ts';

/**
 * The worker behind the control API, as far as the API can change it: every call of a changing
 * method is recorded, and `/status` and `/api/orders/status` show the record. A refused request
 * must leave both as they were.
 */
function recordingControl(): WorkerControl {
  const calls: string[] = [];
  const record = (call: string) => {
    calls.push(call);
    return { ok: true as const };
  };
  return {
    status: () => ({ is_running: true, changes: [...calls] }) as unknown as WorkerStatus,
    subscribeKlines: async (symbol, timeframes) => record(`subscribe ${symbol} ${timeframes.join(',')}`),
    unsubscribeKlines: async (symbol, timeframes) => record(`unsubscribe ${symbol} ${timeframes.join(',')}`),
    subscribeUser: (channel) => record(`subscribe ${channel}`),
    unsubscribeUser: (channel) => record(`unsubscribe ${channel}`),
    placeOrder: async (request) => {
      record(`place ${JSON.stringify(request)}`);
      return { accepted: true, id: request.id };
    },
    monitorPosition: async (request) => {
      record(`monitor ${JSON.stringify(request)}`);
      return { accepted: true, id: request.id };
    },
    replaceProtections: async (id, request) => {
      record(`protect ${id} ${JSON.stringify(request)}`);
      const view = { position_id: id, size: '1', stop_loss: null, targets: [], submitted: [], cancelled: [] };
      return { ok: true, view };
    },
    closeSymbol: async (symbol, requestId) => {
      record(`close ${symbol} ${requestId}`);
      return { ok: true, view: { symbol, closes: [] } };
    },
    cancelOrder: async (symbol, orderId) => {
      record(`cancel ${symbol} ${orderId}`);
      return { ok: true, view: { order_id: orderId, symbol, kind: 'order', request_id: null } };
    },
    ordersStatus: () => ({ pending_orders: calls.filter((call) => call.startsWith('place ')).length }),
    requestStop: () => record('stop'),
  };
}

const KLINES: RouteInputs = { body: { symbol: 'BTCUSDT', tfs: ['1m', '5m'] } };
const INPUTS: Readonly<Record<string, RouteInputs>> = {
  'POST /klines/subscribe': KLINES,
  'POST /klines/unsubscribe': KLINES,
  'POST /subscribe': KLINES,
  'POST /unsubscribe': KLINES,
  'POST /api/place-order': {
    body: {
      id: 'fuzz1',
      symbol: 'BTCUSDT',
      side: 'long',
      entry_zone_min: '100',
      entry_zone_max: '110',
      quantity: '1',
      leverage: 5,
      stop_loss: '90',
      take_profit: '120',
      timeout_seconds: 60,
      callback_url: 'http://127.0.0.1:8080/api/orders/callback',
      metadata: { source: 'fuzz' },
    },
  },
  'POST /api/monitor-position': {
    body: { id: 'fuzz2', symbol: 'BTCUSDT', order_id: '123456', stop_loss: '90', take_profit: '120' },
  },
  'POST /api/positions/fuzz3/protections': {
    body: { stop_loss: '90', targets: [{ price: '120', fraction: '0.5' }, { price: '130' }] },
  },
  'POST /api/positions/BTCUSDT/close': { body: { id: 'fuzz4' } },
  'POST /api/orders/123456/cancel': { body: { symbol: 'BTCUSDT' } },
};

const PARAMS = { positionId: 'fuzz3', symbol: 'BTCUSDT', orderId: '123456' };

describe('control API fuzz: every route, the malformed-request corpus', () => {
  const app = buildControlApi(recordingControl(), {
    token: undefined,
    logger: silentLogger(),
    baseUrl: () => '',
    http: { requestTimeoutMs: 300 },
  });
  const run: FuzzRun = {
    app,
    state: async () => [
      (await app.inject({ method: 'GET', url: '/status' })).json(),
      (await app.inject({ method: 'GET', url: '/api/orders/status' })).json(),
    ],
  };

  it('answers every case within the bound, never with a 5xx, and a refusal changes nothing', async () => {
    await app.ready();
    const routes = registeredRoutes(app, PARAMS);
    expect(routes.length).toBe(19);
    const cases = routes.flatMap((route) => corpusFor(route, INPUTS[`${route.method} ${route.url}`]));
    expect(await runFuzzCases(run, cases)).toEqual([]);
  });

  it('answers random requests by fast-check without a 5xx or a hang', async () => {
    const fields = [...new Set(Object.values(INPUTS).flatMap((inputs) => Object.keys(inputs.body ?? {})))];
    await fuzzRandomRequests(run, registeredRoutes(app, PARAMS), fields, 300);
  });

  it('answers what only a socket can send (duplicate Host, smuggling, a stalled body), never with a 5xx', async () => {
    await app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = app.server.address() as AddressInfo;
    const failures = [...(await runSocketFuzz(port, '/api/place-order')), ...(await runSocketFuzz(port, '/status'))];
    await app.close();
    expect(failures).toEqual([]);
  });
});
