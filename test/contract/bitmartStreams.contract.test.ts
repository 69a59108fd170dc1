import { createBitmartStreams } from '../../src/exchange/bitmart/streams/createBitmartStreams.ts';
import type { MarketStream, UserStream } from '../../src/exchange/port/index.ts';
import { loopbackClient, loopbackHarness, startLoopbackSimulator } from './loopbackHarness.ts';
import { describeMarketStreamContract, describeUserStreamContract, type StreamHarness } from './streamContract.ts';

/** BitMart's WebSocket streams and REST client, both on the loopback simulator's manual clock. */
async function harnessOf<S extends MarketStream | UserStream>(
  pick: (streams: ReturnType<typeof createBitmartStreams>) => S | undefined,
): Promise<StreamHarness<S>> {
  const loopback = await startLoopbackSimulator({ liveMarket: true });
  const exchange = loopbackClient(loopback);
  const streams = createBitmartStreams({
    config: loopback.config,
    clock: loopback.clock,
    klineSource: (query) => exchange.klines(query),
  });
  const stream = pick(streams);
  if (!stream) throw new Error('the BitMart streams need credentials for the user stream');
  return {
    stream,
    ...loopbackHarness(loopback, exchange, async () => {
      await streams.market.stop();
      await streams.user?.stop();
    }),
  };
}

describeMarketStreamContract('BitMart market stream against the simulator over loopback', () =>
  harnessOf((streams) => streams.market),
);
describeUserStreamContract('BitMart user stream against the simulator over loopback', () =>
  harnessOf((streams) => streams.user),
);
