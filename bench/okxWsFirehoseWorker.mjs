// The OKX firehose's server side, in a worker thread so that its sending costs no CPU time to the
// client under test. It serves `/ws/v5/public` and `/ws/v5/business` (a client opens one socket to
// each), answers `ping` and subscribe ops as OKX does, and writes each endpoint's frames, encoded
// once into large buffers of ready WebSocket frames, straight to that endpoint's TCP socket.
import { once } from 'node:events';
import { createServer } from 'node:http';
import { parentPort } from 'node:worker_threads';
import { Sender, WebSocketServer } from 'ws';

const ENDPOINTS = ['public', 'business'];
const server = createServer();
const wss = new WebSocketServer({ server });
/** Per endpoint: the connected socket, the args it subscribed, the encoded frames. */
const sides = new Map(ENDPOINTS.map((endpoint) => [endpoint, { socket: undefined, args: 0, chunks: [] }]));
let wantedArgs = {};
let onSubscribed = () => {};

function encode(frames) {
  const encoded = [];
  let pending = [];
  let size = 0;
  for (const frame of frames) {
    const parts = Sender.frame(Buffer.from(frame), { fin: true, opcode: 1, mask: false, readOnly: true, rsv1: false });
    pending.push(...parts);
    size += parts.reduce((total, part) => total + part.length, 0);
    if (size > 1 << 20) {
      encoded.push(Buffer.concat(pending));
      pending = [];
      size = 0;
    }
  }
  if (pending.length > 0) encoded.push(Buffer.concat(pending));
  return encoded;
}

wss.on('connection', (socket, request) => {
  const endpoint = ENDPOINTS.find((name) => request.url?.startsWith(`/ws/v5/${name}`));
  const side = endpoint && sides.get(endpoint);
  if (!side) {
    socket.close(4000, 'unknown endpoint');
    return;
  }
  side.socket = socket;
  side.args = 0;
  socket.on('message', (raw) => answer(side, socket, String(raw)));
  // The previous client's sockets count for nothing: the next blast waits for the next client.
  socket.on('close', () => {
    if (side.socket !== socket) return;
    side.socket = undefined;
    side.args = 0;
  });
});

function answer(side, socket, raw) {
  if (raw === 'ping') {
    socket.send('pong');
    return;
  }
  const message = JSON.parse(raw);
  if (message.op !== 'subscribe' && message.op !== 'unsubscribe') return;
  for (const arg of message.args ?? []) {
    socket.send(JSON.stringify({ ...(message.id ? { id: message.id } : {}), event: message.op, arg, connId: 'bench' }));
    if (message.op === 'subscribe') side.args += 1;
  }
  onSubscribed();
}

function subscribed() {
  return ENDPOINTS.every((endpoint) => {
    const side = sides.get(endpoint);
    return side.socket?.readyState === 1 && side.args >= (wantedArgs[endpoint] ?? 0);
  });
}

async function blast(side) {
  const socket = side.socket._socket;
  for (const chunk of side.chunks) {
    if (!socket.write(chunk)) await once(socket, 'drain');
  }
}

parentPort.on('message', async (message) => {
  if (message.type === 'frames') {
    for (const endpoint of ENDPOINTS) sides.get(endpoint).chunks = encode(message.frames[endpoint] ?? []);
    wantedArgs = message.args;
  }
  if (message.type === 'blast') {
    // Sent only once the client subscribed everything on both sockets, as a live feed would.
    if (!subscribed()) await new Promise((resolve) => (onSubscribed = () => subscribed() && resolve()));
    onSubscribed = () => {};
    await Promise.all(ENDPOINTS.map((endpoint) => blast(sides.get(endpoint))));
    parentPort.postMessage({ type: 'sent' });
  }
  if (message.type === 'close') {
    for (const socket of wss.clients) socket.terminate();
    wss.close();
    server.close();
    parentPort.close();
  }
});

server.listen(0, '127.0.0.1', () => parentPort.postMessage({ type: 'listening', port: server.address().port }));
