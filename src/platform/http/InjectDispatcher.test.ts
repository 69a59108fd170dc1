import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../clock/index.ts';
import { InjectDispatcher } from './InjectDispatcher.ts';
import { KeepAliveOrigin } from './KeepAliveOrigin.ts';
import { HttpRequestFailure, requestWithDeadline } from './requestWithDeadline.ts';

const apps: FastifyInstance[] = [];

afterEach(async () => {
  for (const app of apps.splice(0)) await app.close();
});

/** A server with a validated POST, a header echo, a refusal and a route that never answers. */
async function server(): Promise<{ app: FastifyInstance; url: string; arrival: Promise<void> }> {
  let arrived: () => void = () => undefined;
  const arrival = new Promise<void>((resolve) => {
    arrived = resolve;
  });
  const app = Fastify();
  apps.push(app);
  app.post(
    '/api/echo',
    { schema: { body: { type: 'object', required: ['n'], properties: { n: { type: 'integer' } } } } },
    async (request, reply) =>
      reply
        .code(201)
        .header('x-seen-host', request.headers.host ?? '')
        .header('x-seen-signature', String(request.headers['x-signature'] ?? ''))
        .header('set-cookie', ['a=1', 'b=2'])
        .send({ n: (request.body as { n: number }).n + 1, query: request.query }),
  );
  app.get('/api/silent', () => {
    arrived();
    return new Promise(() => undefined);
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as { port: number };
  return { app, url: `http://127.0.0.1:${port}`, arrival };
}

describe('InjectDispatcher', () => {
  it('answers a request as the socket does: status, headers, body, validation and the addressed host', async () => {
    const { app, url } = await server();
    const clock = new ManualClock(0);
    const options = { clock, timeoutMs: 5_000, connections: 1, retryAfterMs: 1, unknownOutcomeAdvice: 'check' };
    const overSocket = new KeepAliveOrigin(url, options);
    const inProcess = new KeepAliveOrigin(url, {
      ...options,
      dispatcher: new InjectDispatcher(() => app.inject.bind(app)),
    });
    const requests = [
      { body: '{"n":41}', pathAndQuery: '/api/echo?x=1' },
      { body: '{"n":"forty"}', pathAndQuery: '/api/echo' },
      { body: 'not json', pathAndQuery: '/api/echo' },
      { body: '{"n":1}', pathAndQuery: '/api/absent' },
    ];
    for (const { body, pathAndQuery } of requests) {
      const request = {
        method: 'POST' as const,
        pathAndQuery,
        headers: { 'content-type': 'application/json', 'x-signature': 'abc' },
        body,
      };
      const [wire, injected] = await Promise.all([overSocket.send(request), inProcess.send(request)]);
      expect(injected.status).toBe(wire.status);
      expect(injected.bodyText).toBe(wire.bodyText);
      const { date: _wireDate, connection: _c, 'keep-alive': _k, ...wireHeaders } = wire.headers;
      const { date: _injectedDate, connection: _c2, ...injectedHeaders } = injected.headers;
      expect(injectedHeaders).toEqual(wireHeaders);
    }
    await overSocket.close();
    await inProcess.close();
  });

  it('counts what is in flight and ends it at the deadline, like a server that never answers', async () => {
    const { app, url, arrival } = await server();
    const clock = new ManualClock(0);
    const dispatcher = new InjectDispatcher(() => app.inject.bind(app));
    const pending = requestWithDeadline(
      dispatcher,
      { origin: url, path: '/api/silent', method: 'GET' },
      { clock, timeoutMs: 1_000 },
    ).catch((error: unknown) => error);
    await arrival;
    expect(dispatcher.inFlight).toBe(1);
    clock.advance(1_000);
    const failure = await pending;
    expect(failure).toBeInstanceOf(HttpRequestFailure);
    expect(failure).toMatchObject({ timedOut: true, sent: true });
  });

  it('refuses like a closed port while the other side is not there yet: nothing was sent', async () => {
    const clock = new ManualClock(0);
    const dispatcher = new InjectDispatcher(() => undefined);
    const failure = await requestWithDeadline(
      dispatcher,
      { origin: 'http://127.0.0.1:9', path: '/api/echo', method: 'POST', body: '{}' },
      { clock, timeoutMs: 1_000 },
    ).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(HttpRequestFailure);
    expect(failure).toMatchObject({ sent: false, timedOut: false });
    expect(dispatcher.inFlight).toBe(0);
  });
});
