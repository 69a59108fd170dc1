import { FuturesClientV2, WebsocketClient } from 'bitmart-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Simulator } from '../../src/simulator/main.ts';
import { startTestSimulator } from '../support/testSimulator.ts';
import { waitFor } from '../support/waitFor.ts';

// bitmart-api 2.5.1 WebsocketClient, unchanged: its `wsUrl` option sends public and private
// connections to one URL, which is why the simulator serves every channel on both paths.
interface Update {
  readonly group: string;
  readonly data: unknown;
}

let simulator: Simulator;
let restUrl: string;
let ws: WebsocketClient;
const updates: Update[] = [];

function nextUpdate(match: (update: Update) => boolean): Promise<Update> {
  return new Promise((resolve) => {
    const listener = (update: Update): void => {
      if (!match(update)) return;
      ws.off('update', listener);
      resolve(update);
    };
    ws.on('update', listener);
  });
}

beforeAll(async () => {
  const started = await startTestSimulator();
  simulator = started.simulator;
  restUrl = started.restUrl;
  ws = new WebsocketClient({
    apiKey: simulator.account.apiKey,
    apiSecret: simulator.account.apiSecret,
    apiMemo: simulator.account.apiMemo,
    wsUrl: started.privateWsUrl,
  });
  ws.on('update', (update: Update) => updates.push(update));
});
afterAll(async () => {
  ws.closeAll(true);
  await simulator.stop();
});

describe('bitmart-api 2.5.1 WebsocketClient against the simulator', () => {
  it('streams a kline with the group echoed as subscribed', async () => {
    const kline = nextUpdate((update) => update.group === 'futures/klineBin1H:XRPUSDT');
    ws.subscribe('futures/klineBin1H:XRPUSDT', 'futures');
    const update = await kline;
    expect(update.data).toMatchObject({
      symbol: 'XRPUSDT',
      items: [expect.objectContaining({ ts: expect.any(Number) })],
    });
  });

  it('logs in, then receives order, position and asset pushes caused by a fill', async () => {
    const authenticated = new Promise((resolve) => ws.once('authenticated', resolve));
    const order = nextUpdate((update) => update.group === 'futures/order');
    const position = nextUpdate((update) => update.group === 'futures/position');
    const asset = nextUpdate((update) => update.group === 'futures/asset:USDT');
    ws.subscribe(['futures/order', 'futures/position', 'futures/asset:USDT'], 'futures');
    await authenticated;
    await waitFor(() => simulator.wsStats().subscriptions >= 4, 'the private subscriptions to reach the simulator');
    const rest = new FuturesClientV2({ ...simulator.account, baseUrl: restUrl });
    await rest.submitFuturesOrder({
      symbol: 'XRPUSDT',
      side: 4,
      type: 'market',
      size: 5,
      leverage: '3',
      open_type: 'cross',
    });
    expect((await order).data).toEqual(
      expect.arrayContaining([expect.objectContaining({ order: expect.objectContaining({ symbol: 'XRPUSDT' }) })]),
    );
    expect((await position).data).toEqual(expect.arrayContaining([expect.objectContaining({ position_type: 2 })]));
    expect((await asset).data).toMatchObject({ currency: 'USDT' });
  });
});
