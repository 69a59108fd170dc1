import type { ServerOptions } from 'node:http';

/**
 * How long a client may take to send a whole request (headers and body) before the server answers
 * 408 and closes the connection. Our bodies are at most a MiB from a neighbour on the network, so
 * ten seconds is generous; without it, a body that declares more bytes than it sends held the
 * connection until the client gave up. The time to answer is not bounded: an MTF run may be long.
 */
export const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;

/**
 * Fastify options that bound the time to receive a request. Node checks open requests every
 * `connectionsCheckingInterval` (30 s by default, which would add up to 30 s to the bound): a
 * quarter of the timeout, between 50 ms and 1 s, so the close comes at most that much late. Node
 * 20 reads the timeout when it creates the server, so it goes in `http` too: fastify's own
 * option alone, set on the server afterwards, never fires.
 */
export function requestTimeoutOptions(timeoutMs: number = DEFAULT_REQUEST_TIMEOUT_MS): {
  requestTimeout: number;
  http: ServerOptions;
} {
  const checkEveryMs = Math.min(1_000, Math.max(50, Math.floor(timeoutMs / 4)));
  return {
    requestTimeout: timeoutMs,
    http: { requestTimeout: timeoutMs, connectionsCheckingInterval: checkEveryMs },
  };
}
