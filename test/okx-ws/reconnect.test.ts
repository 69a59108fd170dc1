import { afterEach, describe, expect, it } from 'vitest';
import { createOkxExchange } from '../../src/exchange/okx/createOkxExchange.ts';
import { createOkxStreams } from '../../src/exchange/okx/streams/createOkxStreams.ts';
import type { StreamEvent, UserEvent } from '../../src/exchange/port/streams.ts';
import type { Kline } from '../../src/exchange/port/types.ts';
import { ManualClock } from '../../src/platform/clock/index.ts';
import { Dec, roundToStep } from '../../src/platform/decimal/index.ts';
import { silentLogger } from '../../src/platform/logging/logger.ts';
import { startTestSimulator } from '../support/testSimulator.ts';
import { waitFor } from '../support/waitFor.ts';

const MINUTE = 60_000;
/** The simulator drops every WebSocket on this period of its (manual) clock. */
const DROP_EVERY_S = 200;
const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of stops.splice(0).reverse()) await stop();
});

async function advanceMinutes(clock: ManualClock, minutes: number): Promise<void> {
  for (let minute = 0; minute < minutes; minute += 1) {
    clock.advance(MINUTE);
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

describe("OKX streams across a drop, against the simulator's OKX face", () => {
  it('closes every 1m candle exactly once, in order, backfilling the gap; tells the orders placed while away', async () => {
    const clock = new ManualClock(Date.UTC(2026, 0, 1, 0, 0, 0));
    const started = await startTestSimulator(
      { SIM_VENUE: 'okx', SIM_OKX_WS_IDLE_CLOSE: '0', SIM_WS_DROP_EVERY_S: String(DROP_EVERY_S) },
      clock,
    );
    stops.push(() => started.simulator.stop());
    const { account, wsUrl } = started.simulator;
    const credentials = { apiKey: account.apiKey, apiSecret: account.apiSecret, passphrase: account.apiMemo };
    const exchange = createOkxExchange({ config: { restUrl: started.restUrl, credentials, demo: false }, clock });
    stops.push(() => exchange.stop());
    // Pings every minute keep the links alive while the test advances by minutes; a reconnect
    // waits exactly 5 minutes (jitter 0 = half of the 10 min base).
    const { market, user } = createOkxStreams({
      config: {
        publicWsUrl: `${wsUrl}/ws/v5/public`,
        privateWsUrl: `${wsUrl}/ws/v5/private`,
        businessWsUrl: `${wsUrl}/ws/v5/business`,
        credentials,
        pingIntervalMs: MINUTE,
        reconnectDelayMs: 10 * MINUTE,
      },
      clock,
      logger: silentLogger(),
      exchange,
      random: () => 0,
    });
    if (!user) throw new Error('credentials were given');
    stops.push(
      () => market.stop(),
      () => user.stop(),
    );

    const closed: Kline[] = [];
    const forming: Kline[] = [];
    const statuses: StreamEvent[] = [];
    const userStatuses: StreamEvent[] = [];
    const userEvents: UserEvent[] = [];
    market.onEvent((event) => {
      if (event.type === 'kline_closed') closed.push(event.kline);
      if (event.type === 'kline') forming.push(event.kline);
    });
    market.onStatus((event) => statuses.push(event));
    user.onStatus((event) => userStatuses.push(event));
    user.onEvent((event) => userEvents.push(event));
    market.subscribeKlines('BTCUSDT', ['1m']);
    user.subscribe(['orders']);
    await market.start();
    await user.start();
    await waitFor(() => forming.length > 0, 'the first forming candle');
    await waitFor(() => user.health().every((topic) => topic.subscribed), 'the orders channel');

    await advanceMinutes(clock, 3);
    await waitFor(() => closed.length === 3, 'three closed candles');
    // The drop at 200 s.
    await advanceMinutes(clock, 1);
    await waitFor(() => statuses.some((event) => event.type === 'disconnected'), 'the drop to be seen');
    await waitFor(() => userStatuses.some((event) => event.type === 'disconnected'), 'the private drop');

    // Placed while the private link is down: `orders` will never push it.
    const last = (await exchange.ticker('BTCUSDT')).lastPrice;
    const [contract] = await exchange.contracts('BTCUSDT');
    const ack = await exchange.submitOrder({
      symbol: 'BTCUSDT',
      clientOrderId: 'awaywhiledown1',
      side: 'open_long',
      type: 'limit',
      size: new Dec(1),
      price: roundToStep(last.mul(0.8), contract?.tickSize ?? new Dec('0.1')),
    });

    // Reconnect at 500 s, before the next drop at 600 s.
    await advanceMinutes(clock, 5);
    await waitFor(() => statuses.some((event) => event.type === 'resynced'), 'the market stream to resync');
    await waitFor(() => userStatuses.some((event) => event.type === 'resynced'), 'the user stream to resync');
    expect(userEvents.some((event) => event.type === 'order' && event.order.orderId === ack.orderId)).toBe(true);

    const first = closed[0]?.openTime ?? 0;
    expect(first).toBe(Date.UTC(2026, 0, 1, 0, 0, 0));
    expect(closed.length).toBeGreaterThanOrEqual(8);
    expect(closed.map((kline) => kline.openTime)).toEqual(
      Array.from({ length: closed.length }, (_, i) => first + i * MINUTE),
    );
    const truth = await exchange.klines({
      symbol: 'BTCUSDT',
      timeframe: '1m',
      start: first,
      end: first + (closed.length - 1) * MINUTE,
    });
    expect(closed.map(values)).toEqual(truth.map(values));
  });
});

function values(kline: Kline) {
  return [kline.openTime, kline.open, kline.high, kline.low, kline.close, kline.volume].map(String);
}
