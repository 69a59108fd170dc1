import { createOkxStreams } from '../../src/exchange/okx/streams/createOkxStreams.ts';
import type { MarketStream, UserStream } from '../../src/exchange/port/index.ts';
import { silentLogger } from '../../src/platform/logging/logger.ts';
import {
  loopbackHarness,
  okxLoopbackClient,
  okxLoopbackCredentials,
  startLoopbackSimulator,
} from './loopbackHarness.ts';
import { describeMarketStreamContract, describeUserStreamContract, type StreamHarness } from './streamContract.ts';

/** OKX's WebSocket streams and REST client against the simulator's OKX face, on its manual clock. */
async function harnessOf<S extends MarketStream | UserStream>(
  pick: (streams: ReturnType<typeof createOkxStreams>) => S | undefined,
): Promise<StreamHarness<S>> {
  const loopback = await startLoopbackSimulator({
    liveMarket: true,
    env: { SIM_VENUE: 'okx', SIM_OKX_WS_IDLE_CLOSE: '0' },
  });
  const { wsUrl } = loopback.simulator;
  const exchange = okxLoopbackClient(loopback);
  const streams = createOkxStreams({
    config: {
      publicWsUrl: `${wsUrl}/ws/v5/public`,
      privateWsUrl: `${wsUrl}/ws/v5/private`,
      businessWsUrl: `${wsUrl}/ws/v5/business`,
      credentials: okxLoopbackCredentials(loopback),
    },
    clock: loopback.clock,
    logger: silentLogger(),
    exchange,
  });
  const stream = pick(streams);
  if (!stream) throw new Error('the OKX streams need credentials for the user stream');
  return {
    stream,
    ...loopbackHarness(loopback, exchange, async () => {
      await streams.market.stop();
      await streams.user?.stop();
    }),
  };
}

describeMarketStreamContract("OKX market stream against the simulator's OKX face over loopback", () =>
  harnessOf((streams) => streams.market),
);
describeUserStreamContract("OKX user stream against the simulator's OKX face over loopback", () =>
  harnessOf((streams) => streams.user),
);
