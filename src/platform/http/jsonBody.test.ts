import Fastify, { type FastifyInstance } from 'fastify';
import { describe, expect, it } from 'vitest';
import { BodyNotJsonError, registerJsonBody } from './jsonBody.ts';

function echoServer(parse: 'now' | 'later'): FastifyInstance {
  const app = Fastify({ logger: false });
  registerJsonBody(app, { parse });
  app.post('/echo', async (request) => ({ body: request.body, raw: request.rawBody }));
  app.setErrorHandler((error, _request, reply) =>
    error instanceof BodyNotJsonError
      ? reply.code(400).send({ refused: error.reason, message: error.message })
      : reply.code(500).send({ unexpected: String(error) }),
  );
  return app;
}

describe('registerJsonBody', () => {
  it('parses any content type as JSON and keeps the text as received', async () => {
    const response = await echoServer('now').inject({
      method: 'POST',
      url: '/echo',
      headers: { 'content-type': 'text/plain' },
      payload: '{ "a": 1 }',
    });
    expect(response.json()).toEqual({ body: { a: 1 }, raw: '{ "a": 1 }' });
  });

  it('reads an empty body as {}', async () => {
    const response = await echoServer('now').inject({
      method: 'POST',
      url: '/echo',
      headers: { 'content-type': 'application/json' },
      payload: ' ',
    });
    expect(response.json()).toEqual({ body: {}, raw: ' ' });
  });

  it('refuses text that is not JSON, or holds a NUL, with a BodyNotJsonError naming the place', async () => {
    const app = echoServer('now');
    const headers = { 'content-type': 'application/json' };
    const notJson = await app.inject({ method: 'POST', url: '/echo', headers, payload: '{"a":' });
    expect(notJson.json()).toEqual({ refused: 'not_json', message: 'request body is not JSON' });
    const nul = await app.inject({ method: 'POST', url: '/echo', headers, payload: '{"note":"a\\u0000b"}' });
    expect(nul.statusCode).toBe(400);
    expect(nul.json()).toMatchObject({ refused: 'unstorable_text', message: expect.stringMatching(/^note: /) });
  });

  it('with parse later, hands the route the raw text, malformed or not', async () => {
    const response = await echoServer('later').inject({
      method: 'POST',
      url: '/echo',
      headers: { 'content-type': 'application/json' },
      payload: '{"a":',
    });
    expect(response.json()).toEqual({ body: '{"a":', raw: '{"a":' });
  });
});
