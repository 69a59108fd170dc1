import { Socket } from 'node:net';

/**
 * Refuses every outgoing TCP connection to a host other than loopback, for conformance tests that
 * drive third-party clients (ccxt, okx-api) whose defaults point at the real venue: a client that
 * tries another host fails its request at once, and `violations()` lists the hosts it tried, for
 * the test to assert empty. Call in a test file that runs isolated (conformance files do).
 */
const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost', '::ffff:127.0.0.1']);

export function refuseNonLoopbackConnections(): { violations(): readonly string[]; restore(): void } {
  const attempted: string[] = [];
  const original = Socket.prototype.connect;
  Socket.prototype.connect = function guardedConnect(this: Socket, ...args: unknown[]) {
    const first = args[0];
    const host =
      typeof first === 'object' && first !== null
        ? (first as { host?: string; path?: string }).path === undefined
          ? ((first as { host?: string }).host ?? 'localhost')
          : undefined
        : typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first))
          ? typeof args[1] === 'string'
            ? args[1]
            : 'localhost'
          : undefined;
    if (host !== undefined && !LOOPBACK.has(host)) {
      attempted.push(host);
      throw new Error(`test refused a connection to ${host}: only loopback is allowed`);
    }
    return (original as (...a: unknown[]) => Socket).apply(this, args);
  } as typeof Socket.prototype.connect;
  return {
    violations: () => attempted,
    restore: () => {
      Socket.prototype.connect = original;
    },
  };
}
