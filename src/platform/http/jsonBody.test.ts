import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { BodyNotJsonError, registerJsonBody } from './jsonBody.ts';

/** POSTs `payload` to a server that echoes what its route received, body and raw text. */
async function post(
  parse: 'now' | 'later',
  payload: string,
  contentType = 'application/json',
): Promise<{ statusCode: number; answer: unknown }> {
  const app = Fastify({ logger: false });
  registerJsonBody(app, { parse });
  app.post('/echo', async (request) => ({ body: request.body, raw: request.rawBody }));
  app.setErrorHandler((error, _request, reply) =>
    error instanceof BodyNotJsonError
      ? reply.code(400).send({ refused: error.reason, message: error.message })
      : reply.code(500).send({ unexpected: String(error) }),
  );
  const response = await app.inject({
    method: 'POST',
    url: '/echo',
    headers: { 'content-type': contentType },
    payload,
  });
  return { statusCode: response.statusCode, answer: response.json() };
}

describe('registerJsonBody', () => {
  it('parses any content type as JSON and keeps the text as received', async () => {
    expect(await post('now', '{ "a": 1 }', 'text/plain')).toEqual({
      statusCode: 200,
      answer: { body: { a: 1 }, raw: '{ "a": 1 }' },
    });
  });

  it('reads an empty body as {}', async () => {
    expect((await post('now', ' ')).answer).toEqual({ body: {}, raw: ' ' });
  });

  it('refuses text that is not JSON, or holds a NUL, with a BodyNotJsonError naming the place', async () => {
    expect(await post('now', '{"a":')).toEqual({
      statusCode: 400,
      answer: { refused: 'not_json', message: 'request body is not JSON' },
    });
    expect(await post('now', '{"note":"a\\u0000b"}')).toMatchObject({
      statusCode: 400,
      answer: { refused: 'unstorable_text', message: expect.stringMatching(/^note: /) },
    });
  });

  it('with parse later, hands the route the raw text, malformed or not', async () => {
    expect((await post('later', '{"a":')).answer).toEqual({ body: '{"a":', raw: '{"a":' });
  });
});
