import { describeFuturesExchangeContract } from './exchangeContract.ts';
import { loopbackClient, startLoopbackSimulator, stopClient } from './loopbackHarness.ts';

describeFuturesExchangeContract('BitMart REST client against the simulator over loopback', async () => {
  const loopback = await startLoopbackSimulator();
  const exchange = loopbackClient(loopback);
  return {
    exchange,
    symbol: 'BTCUSDT',
    controllableTime: true,
    setPrice: loopback.setPrice,
    advance: loopback.advance,
    async teardown() {
      await stopClient(exchange);
      await loopback.simulator.stop();
    },
  };
});
