import { describeFuturesExchangeContract } from './exchangeContract.ts';
import { inProcessSimulator } from './simulatedHarness.ts';

describeFuturesExchangeContract('SimulatedExchange in process, manual clock', async () => {
  const { clock, market, engine, venue } = inProcessSimulator();
  return {
    exchange: venue.exchange,
    symbol: 'BTCUSDT',
    controllableTime: true,
    async setPrice(symbol, price) {
      market.setPrice(symbol, price);
    },
    async advance(ms) {
      clock.advance(ms);
    },
    async teardown() {
      engine.stop();
      market.stop();
    },
  };
});
