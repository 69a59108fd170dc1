import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import { type RawData, WebSocket, WebSocketServer } from 'ws';

/**
 * A WebSocket relay between a client under test and the simulator, that records what each side
 * sent and can prove that nothing more is on its way: the way a test asserts that the client did
 * NOT send a request (or open a connection) before a time, without sleeping and hoping.
 */
export interface WsTap {
  /** Point the client here instead of at the simulator; the path and query are kept. */
  readonly url: string;
  /** Text frames the client sent, in order, across every connection. */
  readonly fromClient: readonly string[];
  /** Text frames the simulator sent, in order, across every connection. */
  readonly fromServer: readonly string[];
  /** TCP connections the client opened to the tap so far. */
  readonly connections: number;
  /**
   * Resolves once every frame the client wrote, and every connection it began, before the call
   * has reached the tap: a TCP probe queued behind any connection attempt, and on each open socket a
   * ping whose pong the client writes after everything it wrote before.
   */
  flush(): Promise<void>;
  close(): Promise<void>;
}

export async function startWsTap(upstreamUrl: string): Promise<WsTap> {
  const upstream = new URL(upstreamUrl);
  const server: Server = createServer();
  const relay = new WebSocketServer({ server, perMessageDeflate: false });
  const fromClient: string[] = [];
  const fromServer: string[] = [];
  /** Remote ports of the TCP connections accepted, in order; the tap's own probes among them. */
  const accepted: number[] = [];
  const probes = new Set<number>();
  const clients = new Set<WebSocket>();
  const onAccept = new Set<() => void>();
  server.on('connection', (socket) => {
    accepted.push(socket.remotePort ?? -1);
    for (const listener of onAccept) listener();
  });
  relay.on('connection', (client, request) => {
    clients.add(client);
    const onward = new WebSocket(new URL(request.url ?? '/', upstream.origin.replace(/^http/, 'ws')), {
      perMessageDeflate: false,
    });
    const pending: RawData[] = [];
    client.on('message', (data) => {
      fromClient.push(data.toString());
      if (onward.readyState === WebSocket.OPEN) onward.send(data.toString());
      else pending.push(data);
    });
    onward.on('open', () => {
      for (const data of pending.splice(0)) onward.send(data.toString());
    });
    onward.on('message', (data) => {
      fromServer.push(data.toString());
      if (client.readyState === WebSocket.OPEN) client.send(data.toString());
    });
    // A drop on either side is a drop of the whole line, as it would be without the tap.
    onward.on('close', () => client.terminate());
    onward.on('error', () => client.terminate());
    client.on('close', () => {
      clients.delete(client);
      onward.terminate();
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const path = `${upstream.pathname}${upstream.search}`;

  /** Accepted after every connection the client began before it (the kernel's accept queue is FIFO). */
  const probe = async (): Promise<void> => {
    const socket = connect(port, '127.0.0.1');
    await once(socket, 'connect');
    const local = socket.localPort ?? -1;
    probes.add(local);
    if (!accepted.includes(local)) {
      await new Promise<void>((resolve) => {
        const listener = () => {
          if (!accepted.includes(local)) return;
          onAccept.delete(listener);
          resolve();
        };
        onAccept.add(listener);
      });
    }
    socket.destroy();
  };

  return {
    url: `ws://127.0.0.1:${port}${path}`,
    fromClient,
    fromServer,
    get connections() {
      return accepted.filter((remotePort) => !probes.has(remotePort)).length;
    },
    async flush() {
      await probe();
      await Promise.all(
        [...clients]
          .filter((client) => client.readyState === WebSocket.OPEN)
          .map((client) => {
            const pong = once(client, 'pong');
            client.ping();
            return pong;
          }),
      );
    },
    async close() {
      for (const client of clients) client.terminate();
      relay.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
