import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpusFor, registeredRoutes } from '../../../../test/support/httpFuzzCorpus.ts';
import { type FuzzRun, fuzzRandomRequests, runFuzzCases } from '../../../../test/support/httpFuzzRunner.ts';
import { runSocketFuzz } from '../../../../test/support/rawHttp.ts';
import { createServerTestKit, type ServerTestKit } from '../serverTestKit.ts';

// The malformed-request corpus (issue 10) over every /sim/ route; a refusal leaves /sim/state as it was.
describe('/sim/ fuzz', () => {
  let kit: ServerTestKit;
  let run: FuzzRun;
  beforeAll(async () => {
    kit = await createServerTestKit({ requestTimeoutMs: 300 });
    await kit.app.ready();
    run = { app: kit.app, state: async () => (await kit.app.inject({ method: 'GET', url: '/sim/state' })).json() };
  });
  afterAll(async () => kit.close());
  const adminRoutes = () => registeredRoutes(kit.app, {}).filter((route) => route.url.startsWith('/sim/'));

  it('answers every case within the bound, never with a 5xx, and a refusal changes nothing', async () => {
    const routes = adminRoutes();
    expect(routes.map((route) => `${route.method} ${route.url}`).sort()).toEqual([
      'GET /sim/state',
      'POST /sim/funding',
      'POST /sim/pause',
      'POST /sim/price',
      'POST /sim/resume',
      'POST /sim/ws/drop',
    ]);
    const price = { body: { symbol: 'BTCUSDT', price: '60000' } };
    const funding = { body: { symbol: 'BTCUSDT' } };
    const validBody = (url: string) => (url === '/sim/price' ? price : url === '/sim/funding' ? funding : {});
    const cases = routes.flatMap((route) => corpusFor(route, validBody(route.url)));
    expect(await runFuzzCases(run, cases)).toEqual([]);
  });

  it('answers random requests by fast-check without a 5xx or a hang', async () => {
    await fuzzRandomRequests(run, adminRoutes(), ['symbol', 'price'], 200);
  });

  it('answers what only a socket can send (duplicate Host, smuggling, a stalled body), never with a 5xx', async () => {
    await kit.app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = kit.app.server.address() as AddressInfo;
    expect([...(await runSocketFuzz(port, '/sim/price')), ...(await runSocketFuzz(port, '/sim/state'))]).toEqual([]);
  });
});
