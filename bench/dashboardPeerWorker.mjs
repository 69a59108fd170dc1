// The dashboard benchmark's peer, in a worker thread: the platform under test runs in the main
// thread (simulator, app, worker), and a reader there would wait on the app's own event loop. Here
// it reads as a browser's network side would, on its own loop, stamping with the wall clock
// (timeOrigin + now, as the page does).
import { get } from 'node:http';
import { performance } from 'node:perf_hooks';
import { parentPort } from 'node:worker_threads';

const wallNow = () => performance.timeOrigin + performance.now();
let abort;

/**
 * Calls `onPositions(rows, at)` for each `positions` event of `GET /api/events`, read from the
 * socket by node:http (fetch's web streams add their own hops), until aborted or `onPositions`
 * says stop; `onOpen` once the stream answered.
 */
function readPositions(url, signal, onPositions, onOpen = () => undefined) {
  return new Promise((resolve, reject) => {
    const request = get(`${url}/api/events`, { signal, headers: { accept: 'text/event-stream' } }, (response) => {
      onOpen();
      response.setEncoding('utf8');
      let buffer = '';
      response.on('data', (chunk) => {
        buffer += chunk;
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (!block.startsWith('event: positions\n')) continue;
          const data = block.split('\n').find((line) => line.startsWith('data: '));
          if (data && onPositions(JSON.parse(data.slice(6)), wallNow()) === 'stop') {
            request.destroy();
            resolve();
            return;
          }
        }
      });
      response.on('end', resolve);
    });
    request.on('error', (error) => (signal.aborted ? resolve() : reject(error)));
  });
}

/** The same requests as a page load, then the stream until the first positions row: ms each. */
async function loads(url, cache, count) {
  const times = [];
  for (let load = 0; load < count; load++) {
    const start = performance.now();
    const html = await (await fetch(`${url}/`)).text();
    if (cache === 'cold') {
      const assets = [...html.matchAll(/(?:src|href)="(\/dashboard\/app\.(?:js|css)\?v=[^"]+)"/g)].map((m) => m[1]);
      if (assets.length !== 2) throw new Error(`the page names ${assets.length} of its 2 assets`);
      await Promise.all(assets.map(async (asset) => (await fetch(`${url}${asset}`)).arrayBuffer()));
    }
    await readPositions(url, new AbortController().signal, (rows) => (rows.length > 0 ? 'stop' : 'go'));
    times.push(performance.now() - start);
  }
  return times;
}

parentPort.on('message', async (message) => {
  try {
    if (message.type === 'watch') {
      abort = new AbortController();
      const marks = (rows, at) => {
        const row = rows.find((candidate) => candidate.symbol === message.symbol);
        if (row) parentPort.postMessage({ type: 'mark', price: Number(row.mark_price), at });
      };
      void readPositions(message.url, abort.signal, marks, () => parentPort.postMessage({ type: 'watching' }));
    }
    if (message.type === 'unwatch') abort?.abort();
    if (message.type === 'loads') {
      parentPort.postMessage({ type: 'loads', times: await loads(message.url, message.cache, message.count) });
    }
    if (message.type === 'close') {
      abort?.abort();
      parentPort.close();
    }
  } catch (error) {
    parentPort.postMessage({ type: 'error', message: String(error) });
  }
});
