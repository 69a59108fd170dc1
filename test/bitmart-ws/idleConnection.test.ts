import { afterEach, describe, expect, it } from 'vitest';
import { createBitmartStreams } from '../../src/exchange/bitmart/streams/createBitmartStreams.ts';
import type { MarketEvent, StreamEvent } from '../../src/exchange/port/streams.ts';
import { ManualClock } from '../../src/platform/clock/index.ts';
import { Dec } from '../../src/platform/decimal/index.ts';
import { SimAdmin } from '../support/simAdmin.ts';
import { startTestSimulator } from '../support/testSimulator.ts';
import { waitFor } from '../support/waitFor.ts';
import { configFor, simulatorKlineSource } from './support.ts';
import { startWsTap } from './wsTap.ts';

const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of stops.splice(0).reverse()) await stop();
});

/**
 * The public stream against a simulator that closes a connection holding no subscription after
 * 5 s, as BitMart does (docs/reference/bitmart-wire.md#websocket-connection), both on one manual clock.
 */
async function publicStreamOnLifelessServer() {
  const clock = new ManualClock(Date.UTC(2026, 0, 1));
  const started = await startTestSimulator({ SIM_WS_LIFELESS_CLOSE: '1' }, clock);
  stops.push(() => started.simulator.stop());
  // Through a tap that proves which connections the client opened and what it sent (wsTap.ts).
  const tap = await startWsTap(started.publicWsUrl);
  stops.push(() => tap.close());
  const { market } = createBitmartStreams({
    config: { ...configFor(started), publicWsUrl: tap.url },
    clock,
    klineSource: simulatorKlineSource(started.simulator.market),
    random: () => 0,
  });
  stops.push(() => market.stop());
  const statuses: StreamEvent['type'][] = [];
  market.onStatus((event) => statuses.push(event.type));
  return { clock, started, tap, market, statuses };
}

describe('public stream with nothing to hold', () => {
  it('stays idle instead of being closed as lifeless and reconnecting in a loop', async () => {
    const { clock, started, tap, market, statuses } = await publicStreamOnLifelessServer();
    await market.start();
    for (let second = 0; second < 30; second += 1) {
      clock.advance(1_000);
      await tap.flush();
      expect(tap.connections, `after ${second + 1} s`).toBe(0);
    }
    expect(statuses).toEqual([]);
    expect(started.simulator.wsStats().connections).toBe(0);
  });

  it('connects at once on the first subscription, and goes idle again when dropped with nothing to hold', async () => {
    const { clock, started, tap, market, statuses } = await publicStreamOnLifelessServer();
    await market.start();
    clock.advance(6_000);
    await tap.flush();
    expect(tap.connections).toBe(0);

    const tickers: string[] = [];
    market.onEvent((event: MarketEvent) => {
      if (event.type === 'ticker') tickers.push(event.ticker.lastPrice.toFixed());
    });
    market.subscribeTicker('BTCUSDT'); // no clock advance: no backoff to wait for
    await waitFor(() => market.health().every((topic) => topic.subscribed), 'the ticker subscription');
    started.simulator.market.setPrice('BTCUSDT', new Dec(94_321));
    await waitFor(() => tickers.includes('94321'), 'the pushed price');

    // Nothing left to hold: a drop now must not bring a reconnection (the unsubscribe request itself
    // waits for the pacer's 200 ms on the clock, which does not move).
    market.unsubscribeTicker('BTCUSDT');
    expect(await new SimAdmin(started.restUrl).dropWebSockets()).toBe(1);
    await waitFor(() => statuses.at(-1) === 'disconnected', 'the drop');
    clock.advance(60_000);
    await tap.flush();
    expect(tap.connections).toBe(1);
    expect(statuses).toEqual(['connected', 'disconnected']);
    expect(started.simulator.wsStats().connections).toBe(0);
  });
});
