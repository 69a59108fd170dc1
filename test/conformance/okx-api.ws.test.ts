import { RestClient, WebsocketClient } from 'okx-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Simulator } from '../../src/simulator/main.ts';
import { refuseNonLoopbackConnections } from '../support/loopbackOnly.ts';
import { startTestSimulator } from '../support/testSimulator.ts';
import { waitFor } from '../support/waitFor.ts';

// okx-api 3.2.3's WebsocketClient against the simulator's OKX face (decision 0027). Its `wsUrl`
// option points all three of its connections at one URL; OKX serves channels per endpoint, so the
// only change is the URL each connection gets: its /public, /private or /business on loopback.
const INST = 'XRP-USDT-SWAP';
const guard = refuseNonLoopbackConnections();
let simulator: Simulator;
let restUrl: string;

class LoopbackWebsocketClient extends WebsocketClient {
  constructor(
    options: ConstructorParameters<typeof WebsocketClient>[0],
    private readonly wsBase: string,
  ) {
    super(options);
  }

  protected override async getWsUrl(wsKey: string): Promise<string> {
    const endpoint = /Business$/.test(wsKey) ? 'business' : /Private$/.test(wsKey) ? 'private' : 'public';
    return `${this.wsBase}/ws/v5/${endpoint}`;
  }
}

interface Update {
  readonly arg?: { readonly channel?: string; readonly instId?: string };
  readonly data?: readonly unknown[];
  readonly eventType?: string;
}

let ws: LoopbackWebsocketClient;
const updates: Update[] = [];
const responses: { event?: string; code?: string }[] = [];

beforeAll(async () => {
  ({ simulator, restUrl } = await startTestSimulator({ SIM_VENUE: 'okx' }));
  const account = simulator.account;
  ws = new LoopbackWebsocketClient(
    { accounts: [{ apiKey: account.apiKey, apiSecret: account.apiSecret, apiPass: account.apiMemo }] },
    simulator.wsUrl,
  );
  ws.on('update', (event) => updates.push(event as Update));
  ws.on('response', (event) => responses.push(event as { event?: string; code?: string }));
  ws.on('authenticated', (event) => responses.push({ ...(event as object), event: 'login' }));
});
afterAll(async () => {
  ws.closeAll(true);
  await simulator.stop();
  guard.restore();
  expect(guard.violations()).toEqual([]);
});

const pushesOf = (channel: string) => updates.filter((update) => update.arg?.channel === channel);

describe('okx-api 3.2.3 WebsocketClient against the simulator', () => {
  it('subscribes to tickers and mark price on /public and candles on /business', async () => {
    ws.subscribe([
      { channel: 'tickers', instId: INST },
      { channel: 'mark-price', instId: INST },
    ]);
    ws.subscribe({ channel: 'candle1m', instId: INST });
    await waitFor(
      () => pushesOf('tickers').length > 0 && pushesOf('mark-price').length > 0,
      'ticker and mark-price pushes',
    );
    await waitFor(() => pushesOf('candle1m').length > 0, 'a candle push');
    const candle = pushesOf('candle1m')[0]!.data![0] as string[];
    expect(candle).toHaveLength(9);
    expect(Number(candle[0]) % 60_000).toBe(0);
    expect(responses.filter((response) => response.event === 'subscribe').length).toBeGreaterThanOrEqual(3);
  });

  it('logs in on /private and receives the account snapshot, then orders and positions of a fill', async () => {
    ws.subscribe([
      { channel: 'account' },
      { channel: 'positions', instType: 'SWAP' },
      { channel: 'orders', instType: 'SWAP' },
    ]);
    await waitFor(() => responses.some((response) => response.event === 'login'), 'the login ack');
    await waitFor(() => pushesOf('account').some((push) => push.eventType === 'snapshot'), 'the account snapshot');
    await waitFor(() => simulator.wsStats().subscriptions >= 6, 'the private subscriptions');
    const rest = new RestClient({
      apiKey: simulator.account.apiKey,
      apiSecret: simulator.account.apiSecret,
      apiPass: simulator.account.apiMemo,
      baseUrl: restUrl,
    });
    const [placed] = await rest.submitOrder({
      instId: INST,
      tdMode: 'cross',
      side: 'sell',
      ordType: 'market',
      sz: '5',
    });
    await waitFor(
      () =>
        pushesOf('orders').some((push) =>
          (push.data as { ordId: string; state: string }[]).some(
            (order) => order.ordId === placed?.ordId && order.state === 'filled',
          ),
        ),
      'the filled order push',
    );
    await waitFor(
      () =>
        pushesOf('positions').some((push) =>
          (push.data as { pos: string }[]).some((position) => position.pos === '-5'),
        ),
      'the short position push (net mode: a signed pos)',
    );
  });
});
