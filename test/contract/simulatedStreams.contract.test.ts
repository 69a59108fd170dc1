import { inProcessSimulator } from './simulatedHarness.ts';
import { describeMarketStreamContract, describeUserStreamContract } from './streamContract.ts';

function harnessOf<K extends 'marketStream' | 'userStream'>(kind: K) {
  return async () => {
    const { clock, market, engine, venue } = inProcessSimulator();
    const stream = venue[kind];
    return {
      stream,
      exchange: venue.exchange,
      symbol: 'BTCUSDT',
      controllableTime: true,
      async setPrice(symbol: string, price: Parameters<typeof market.setPrice>[1]) {
        market.setPrice(symbol, price);
      },
      async advance(ms: number) {
        clock.advance(ms);
      },
      async teardown() {
        await stream.stop();
        engine.stop();
        market.stop();
      },
    };
  };
}

describeMarketStreamContract('SimulatedMarketStream in process, manual clock', harnessOf('marketStream'));
describeUserStreamContract('SimulatedUserStream in process, manual clock', harnessOf('userStream'));
