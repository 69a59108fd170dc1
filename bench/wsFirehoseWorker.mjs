// The firehose's server side, in a worker thread so that its sending costs no CPU time to the
// client under test (the machine has two cores: one for each side). Frames are encoded once into
// large buffers of ready WebSocket frames and written straight to the TCP socket, so the server
// sends far faster than any client can read and the measured rate is the client's own.
import { once } from 'node:events';
import { createServer } from 'node:http';
import { parentPort } from 'node:worker_threads';
import { Sender, WebSocketServer } from 'ws';

const server = createServer();
const wss = new WebSocketServer({ server });
let client;
let chunks = [];

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

wss.on('connection', (socket) => {
  client = socket;
  socket.on('message', (raw) => answer(socket, String(raw)));
});

function answer(socket, raw) {
  const message = JSON.parse(raw);
  if (message.action === 'ping') socket.send('{"group":"System","data":"pong"}');
  if (message.action !== 'subscribe' && message.action !== 'unsubscribe') return;
  for (const topic of message.args ?? []) {
    const request = { action: message.action, args: [topic] };
    socket.send(JSON.stringify({ action: message.action, group: topic, success: true, request }));
  }
}

async function blast() {
  const socket = client._socket;
  for (const chunk of chunks) {
    if (!socket.write(chunk)) await once(socket, 'drain');
  }
}

parentPort.on('message', async (message) => {
  if (message.type === 'frames') chunks = encode(message.frames);
  if (message.type === 'blast') {
    await blast();
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
