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
