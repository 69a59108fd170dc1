import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawHttpExchange, statusOf } from '../../../test/support/rawHttp.ts';
import { type CrossSiteGuardOptions, registerCrossSiteGuard } from './crossSiteGuard.ts';

/** A server with the guard and two routes, answering refusals as `{code, message}`. */
function guarded(options: Omit<CrossSiteGuardOptions, 'refuse'> = {}): FastifyInstance {
  const app = Fastify();
  registerCrossSiteGuard(app, {
    ...options,
    refuse: (reply, refusal) => reply.code(refusal.status).send({ code: refusal.code, message: refusal.message }),
  });
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body));
  app.get('/read', async () => ({ ok: true }));
  app.post('/write', async () => ({ ok: true }));
  app.post('/form', { config: { acceptsFormBody: true } }, async () => ({ ok: true }));
  return app;
}

describe('cross-site guard (in process)', () => {
  const app = guarded();
  afterAll(() => app.close());
  const post = (url: string, headers: Record<string, string>, payload?: string) =>
    app.inject({ method: 'POST', url, headers, ...(payload === undefined ? {} : { payload }) });

  it('refuses a Host that is not ours, on reads as well as writes (DNS rebinding)', async () => {
    for (const method of ['GET', 'POST'] as const) {
      const answer = await app.inject({
        method,
        url: method === 'GET' ? '/read' : '/write',
        headers: { host: 'evil.example:8089' },
      });
      expect(answer.statusCode).toBe(403);
      expect(answer.json()).toEqual({
        code: 'foreign_host',
        message: 'Host "evil.example:8089" is not an address of this server',
      });
    }
    for (const host of ['localhost:8089', '127.0.0.1:8089', '[::1]:8089']) {
      expect((await app.inject({ method: 'GET', url: '/read', headers: { host } })).statusCode).toBe(200);
    }
  });

  it('accepts no Origin and its own, and refuses a foreign or null Origin', async () => {
    expect((await post('/write', {})).statusCode).toBe(200);
    expect((await post('/write', { origin: 'http://127.0.0.1:8089' })).statusCode).toBe(200);
    for (const origin of ['https://evil.example', 'null', 'http://localhost.evil.example', 'file://']) {
      const answer = await post('/write', { origin });
      expect(answer.statusCode).toBe(403);
      expect(answer.json().code).toBe('foreign_origin');
    }
  });

  it('refuses Sec-Fetch-Site cross-site and same-site, and accepts none and same-origin', async () => {
    for (const site of ['cross-site', 'same-site']) {
      const answer = await app.inject({ method: 'GET', url: '/read', headers: { 'sec-fetch-site': site } });
      expect([answer.statusCode, answer.json().code]).toEqual([403, 'cross_site_request']);
    }
    for (const site of ['none', 'same-origin']) {
      expect((await post('/write', { 'sec-fetch-site': site })).statusCode).toBe(200);
    }
  });

  it('requires a body to be application/json, and lets a bodyless POST through', async () => {
    expect((await post('/write', {})).statusCode).toBe(200);
    expect((await post('/write', { 'content-type': 'application/json; charset=utf-8' }, '{}')).statusCode).toBe(200);
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const answer = await post('/write', { 'content-type': type }, '{"a":1}');
      expect(answer.statusCode).toBe(415);
      expect(answer.json().message).toContain('send it as application/json');
    }
    const untyped = await post('/write', {}, '{"a":1}');
    expect([untyped.statusCode, untyped.json().message]).toEqual([
      415,
      'a body with no Content-Type: send it as application/json',
    ]);
  });

  it('takes a form where the route says so, but not from a browser on another site', async () => {
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    expect((await post('/form', form, 'lock_key=a')).statusCode).toBe(200);
    expect((await post('/form', { ...form, origin: 'https://evil.example' }, 'lock_key=a')).statusCode).toBe(403);
    expect((await post('/form', { ...form, 'sec-fetch-site': 'cross-site' }, 'lock_key=a')).statusCode).toBe(403);
    expect((await post('/form', { 'content-type': 'text/plain' }, 'lock_key=a')).statusCode).toBe(415);
  });
});

describe('cross-site guard (over a socket)', () => {
  let port: number;
  const app = guarded({ allowedHosts: ['ws-worker', 'localhost:9999'] });
  beforeAll(async () => {
    await app.listen({ host: '127.0.0.1', port: 0 });
    port = (app.server.address() as AddressInfo).port;
  });
  afterAll(() => app.close());
  const getWithHost = async (host: string) =>
    statusOf(
      (await rawHttpExchange(port, `GET /read HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`)).received,
    );

  it('wants the port the connection reached on a loopback name', async () => {
    expect(await getWithHost(`127.0.0.1:${port}`)).toBe(200);
    expect(await getWithHost(`localhost:${port}`)).toBe(200);
    expect(await getWithHost(`localhost:${port + 1}`)).toBe(403);
    expect(await getWithHost('localhost')).toBe(403);
  });

  it('accepts the allowed names: without a port on any port, with a port on that one only', async () => {
    expect(await getWithHost(`ws-worker:${port}`)).toBe(200);
    expect(await getWithHost('ws-worker')).toBe(200);
    expect(await getWithHost('localhost:9999')).toBe(200);
    expect(await getWithHost('evil.example')).toBe(403);
  });
});

describe('cross-site guard bound to every interface', () => {
  it('accepts the address the connection reached, as a caller on the network dials it', async () => {
    const app = guarded({ boundHost: '0.0.0.0' });
    await app.listen({ host: '0.0.0.0', port: 0 });
    const { port } = app.server.address() as AddressInfo;
    // 127.0.0.2 is no loopback name of the guard's: only the connection's own address admits it.
    const exchange = async (host: string) =>
      statusOf(
        (
          await rawHttpExchange(port, `GET /read HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`, {
            host: '127.0.0.2',
          })
        ).received,
      );
    expect(await exchange(`127.0.0.2:${port}`)).toBe(200);
    expect(await exchange(`127.0.0.3:${port}`)).toBe(403);
    expect(await exchange(`0.0.0.0:${port}`)).toBe(403);
    expect(await exchange(`rebound.evil.example:${port}`)).toBe(403);
    await app.close();
  });
});
