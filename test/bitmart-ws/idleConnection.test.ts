import { afterEach, describe, expect, it } from 'vitest';
import { createBitmartStreams } from '../../src/exchange/bitmart/streams/createBitmartStreams.ts';
import type { MarketEvent, StreamEvent } from '../../src/exchange/port/streams.ts';
import { ManualClock } from '../../src/platform/clock/index.ts';
import { Dec } from '../../src/platform/decimal/index.ts';
import { SimAdmin } from '../support/simAdmin.ts';
import { startTestSimulator } from '../support/testSimulator.ts';
import { waitFor } from '../support/waitFor.ts';
import { configFor, settle, simulatorKlineSource } from './support.ts';

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
  const { market } = createBitmartStreams({
    config: configFor(started),
    clock,
    klineSource: simulatorKlineSource(started.simulator.market),
    random: () => 0,
  });
  stops.push(() => market.stop());
  const statuses: StreamEvent['type'][] = [];
  market.onStatus((event) => statuses.push(event.type));
  return { clock, started, market, statuses };
}

describe('public stream with nothing to hold', () => {
  it('stays idle instead of being closed as lifeless and reconnecting in a loop', async () => {
    const { clock, started, market, statuses } = await publicStreamOnLifelessServer();
    await market.start();
    for (let second = 0; second < 30; second += 1) {
      clock.advance(1_000);
      await settle(5);
    }
    expect(statuses).toEqual([]);
    expect(started.simulator.wsStats().connections).toBe(0);
  });

  it('connects at once on the first subscription, and goes idle again when dropped with nothing to hold', async () => {
    const { clock, started, market, statuses } = await publicStreamOnLifelessServer();
    await market.start();
    clock.advance(6_000);
    await settle(5);

    const tickers: string[] = [];
    market.onEvent((event: MarketEvent) => {
      if (event.type === 'ticker') tickers.push(event.ticker.lastPrice.toFixed());
    });
    market.subscribeTicker('BTCUSDT'); // no clock advance: no backoff to wait for
    await waitFor(() => market.health().every((topic) => topic.subscribed), 'the ticker subscription');
    started.simulator.market.setPrice('BTCUSDT', new Dec(94_321));
    await waitFor(() => tickers.includes('94321'), 'the pushed price');

    market.unsubscribeTicker('BTCUSDT');
    await settle(20);
    expect(await new SimAdmin(started.restUrl).dropWebSockets()).toBe(1);
    await waitFor(() => statuses.at(-1) === 'disconnected', 'the drop');
    clock.advance(60_000);
    await settle(20);
    expect(statuses).toEqual(['connected', 'disconnected']);
    expect(started.simulator.wsStats().connections).toBe(0);
  });
});
