import { describeFuturesExchangeContract } from './exchangeContract.ts';
import { loopbackClient, loopbackHarness, startLoopbackSimulator } from './loopbackHarness.ts';

describeFuturesExchangeContract('BitMart REST client against the simulator over loopback', async () => {
  const loopback = await startLoopbackSimulator();
  return loopbackHarness(loopback, loopbackClient(loopback));
});
