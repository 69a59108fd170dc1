import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../clock/index.ts';
import { RetryableError, UnknownOutcomeError } from '../errors/exchangeErrors.ts';
import { errorOfFailedCall, HttpRequestFailure, requestWithDeadline } from './requestWithDeadline.ts';

const agent = new Agent();
const servers: Server[] = [];

afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

async function listen(handler: Parameters<typeof createServer>[1]): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A server that receives requests and never answers; `arrival` resolves on the first. */
async function silentServer(): Promise<{ origin: string; arrival: Promise<void> }> {
  let arrived: () => void = () => undefined;
  const arrival = new Promise<void>((resolve) => {
    arrived = resolve;
  });
  return { origin: await listen(() => arrived()), arrival };
}

/** A port nothing listens on: one a server held and gave back. */
async function closedPort(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}

const call = { retryAfterMs: 500, unknownOutcomeAdvice: 'reconcile before retrying' };

async function failureOf(promise: Promise<unknown>): Promise<HttpRequestFailure> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof HttpRequestFailure)) throw new Error(`expected an HttpRequestFailure, got ${String(error)}`);
  return error;
}

describe('requestWithDeadline', () => {
  it('answers with status, headers and the whole body', async () => {
    const origin = await listen((_request, response) =>
      response.writeHead(201, { 'x-kind': 'test' }).end('{"ok":true}'),
    );
    const answer = await requestWithDeadline(
      agent,
      { origin, path: '/', method: 'GET' },
      { clock: new ManualClock(), timeoutMs: 1_000 },
    );
    expect(answer).toMatchObject({ status: 201, bodyText: '{"ok":true}', headers: { 'x-kind': 'test' } });
  });

  it('says nothing was sent when the connection is refused: retryable even for a POST', async () => {
    const origin = await closedPort();
    const failure = await failureOf(
      requestWithDeadline(
        agent,
        { origin, path: '/x', method: 'POST', body: '{}' },
        { clock: new ManualClock(), timeoutMs: 1_000 },
      ),
    );
    expect(failure).toMatchObject({ sent: false, timedOut: false });
    expect(failure.reason).toMatch(/ECONNREFUSED/);
    const error = errorOfFailedCall(failure, { ...call, what: 'POST /x', method: 'POST' });
    expect(error).toBeInstanceOf(RetryableError);
    expect(error.message).toMatch(/^POST \/x could not connect \(ECONNREFUSED/);
  });

  it('gives up at the deadline on the injected clock: a POST that left has an unknown outcome, a GET is retryable', async () => {
    const { origin, arrival } = await silentServer();
    const clock = new ManualClock();
    const pending = failureOf(
      requestWithDeadline(agent, { origin, path: '/slow', method: 'POST', body: '{}' }, { clock, timeoutMs: 2_000 }),
    );
    await arrival;
    clock.advance(2_000);
    const failure = await pending;
    expect(failure).toMatchObject({ sent: true, timedOut: true, reason: 'no answer within 2000 ms' });
    const post = errorOfFailedCall(failure, { ...call, what: 'POST /slow', method: 'POST', clientOrderId: 'c-1' });
    expect(post).toBeInstanceOf(UnknownOutcomeError);
    expect(post).toMatchObject({ clientOrderId: 'c-1' });
    expect(post.message).toBe(
      'POST /slow was sent and then failed (no answer within 2000 ms): reconcile before retrying',
    );
    expect(errorOfFailedCall(failure, { ...call, what: 'GET /slow', method: 'GET' })).toBeInstanceOf(RetryableError);
  });

  it('stops early when the caller aborts, without calling it a timeout', async () => {
    const { origin, arrival } = await silentServer();
    const stop = new AbortController();
    const pending = failureOf(
      requestWithDeadline(
        agent,
        { origin, path: '/', method: 'POST', body: '{}' },
        { clock: new ManualClock(), timeoutMs: 60_000, signal: stop.signal },
      ),
    );
    await arrival;
    stop.abort();
    expect(await pending).toMatchObject({ timedOut: false, sent: true });
  });
});
