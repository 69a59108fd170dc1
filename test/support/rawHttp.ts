import { connect } from 'node:net';

export interface RawExchange {
  /** Everything the server wrote before it closed the connection. */
  readonly received: string;
  /** Wall time from connect to close, ms. */
  readonly elapsedMs: number;
}

/**
 * Writes `request` (raw HTTP/1.1 text) on a fresh connection to `port` and resolves when the
 * server closes it, with what it answered. For requests no HTTP client sends: a body shorter
 * than its Content-Length, a Host of our choosing. Fails after `timeoutMs` (10 s) with what it had.
 */
export function rawHttpExchange(
  port: number,
  request: string,
  options: { host?: string; timeoutMs?: number } = {},
): Promise<RawExchange> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  return new Promise((resolve, reject) => {
    const startedAt = Date.now();
    const socket = connect({ host: options.host ?? '127.0.0.1', port });
    let received = '';
    const deadline = setTimeout(() => {
      socket.destroy();
      reject(new Error(`the server kept the connection open for ${timeoutMs} ms; received: ${received}`));
    }, timeoutMs);
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      received += chunk;
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(deadline);
      resolve({ received, elapsedMs: Date.now() - startedAt });
    });
    socket.write(request);
  });
}

/** Headers of a POST whose body declares `declared` bytes and sends `sent` of them, then stalls. */
export function stalledBodyRequest(port: number, path: string, declared = 100, sent = 10): string {
  return (
    `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\n` +
    `Content-Length: ${declared}\r\n\r\n${'{'.padEnd(sent, ' ')}`
  );
}

/** The status code of the first response in `received` (0 when there is none). */
export function statusOf(received: string): number {
  return Number(/^HTTP\/1\.1 (\d{3})/.exec(received)?.[1] ?? 0);
}

/** Requests only a socket can send, for the fuzz tests: each must be answered, never with a 5xx. */
export function socketFuzzRequests(
  port: number,
  path: string,
): readonly { name: string; raw: string; mustRefuse: boolean }[] {
  const own = `127.0.0.1:${port}`;
  const body = '{"symbol":"BTCUSDT"}';
  const post = (headers: string, payload = body) =>
    `POST ${path} HTTP/1.1\r\n${headers}Connection: close\r\nContent-Length: ${Buffer.byteLength(payload)}\r\n\r\n${payload}`;
  return [
    {
      name: 'a foreign Host first, ours second',
      raw: post(`Host: evil.example\r\nHost: ${own}\r\n`),
      mustRefuse: true,
    },
    { name: 'a Host with user info', raw: post(`Host: ${own}@evil.example\r\n`), mustRefuse: true },
    { name: 'no Host', raw: post(''), mustRefuse: true },
    {
      name: 'an absolute URL naming another host',
      raw: `POST http://evil.example${path} HTTP/1.1\r\nHost: ${own}\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: ${body.length}\r\n\r\n${body}`,
      mustRefuse: false,
    },
    {
      name: 'a chunked text/plain body',
      raw: `POST ${path} HTTP/1.1\r\nHost: ${own}\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n${body.length.toString(16)}\r\n${body}\r\n0\r\n\r\n`,
      mustRefuse: true,
    },
    {
      name: 'both Content-Length and chunked (smuggling)',
      raw: `POST ${path} HTTP/1.1\r\nHost: ${own}\r\nContent-Type: application/json\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n0\r\n\r\n`,
      mustRefuse: true,
    },
    {
      name: 'a raw NUL in the path',
      raw: `GET ${path}\u0000 HTTP/1.1\r\nHost: ${own}\r\nConnection: close\r\n\r\n`,
      mustRefuse: true,
    },
    { name: 'a body shorter than its Content-Length', raw: stalledBodyRequest(port, path), mustRefuse: true },
  ];
}

/** Sends each of `socketFuzzRequests` on its own connection; returns what went wrong, one line each. */
export async function runSocketFuzz(port: number, path: string): Promise<string[]> {
  const failures: string[] = [];
  for (const { name, raw, mustRefuse } of socketFuzzRequests(port, path)) {
    const { received } = await rawHttpExchange(port, raw);
    const status = statusOf(received);
    if (status === 0 || status >= 500) failures.push(`${path} ${name}: answered ${status || 'nothing'}`);
    else if (mustRefuse && status < 400) failures.push(`${path} ${name}: accepted with ${status}`);
  }
  return failures;
}
