import { describeFuturesExchangeContract } from './exchangeContract.ts';
import { loopbackHarness, okxLoopbackClient, startLoopbackSimulator } from './loopbackHarness.ts';

describeFuturesExchangeContract("OKX REST client against the simulator's OKX face over loopback", async () => {
  const loopback = await startLoopbackSimulator({ env: { SIM_VENUE: 'okx' } });
  return loopbackHarness(loopback, okxLoopbackClient(loopback));
});
