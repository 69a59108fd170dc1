import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  verifyWorkerSignature,
  WORKER_SIGNATURE_HEADER,
  WORKER_TIMESTAMP_HEADER,
} from '../../src/platform/hmac/workerSignature.ts';

export interface ReceivedSignal {
  readonly path: string;
  readonly body: Record<string, unknown>;
  /** The HMAC check of seed 002 against the shared secret. */
  readonly verified: boolean;
}

/** A stand-in for the trading-app: records every POST and answers 202, as the app does. */
export async function startSignalReceiver(secret: string): Promise<{
  url: string;
  received: ReceivedSignal[];
  close(): Promise<void>;
}> {
  const received: ReceivedSignal[] = [];
  const server = createServer((request, response) => {
    let text = '';
    request.on('data', (chunk: Buffer) => {
      text += chunk.toString('utf8');
    });
    request.on('end', () => {
      const header = (name: string) => {
        const value = request.headers[name];
        return Array.isArray(value) ? value[0] : value;
      };
      const check = verifyWorkerSignature(
        secret,
        { timestamp: header(WORKER_TIMESTAMP_HEADER), signature: header(WORKER_SIGNATURE_HEADER) },
        text,
        Date.now(),
      );
      received.push({ path: request.url ?? '', body: JSON.parse(text) as Record<string, unknown>, verified: check.ok });
      response.writeHead(202, { 'content-type': 'application/json' }).end('{"status":"accepted"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
