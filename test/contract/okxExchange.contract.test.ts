import { createOkxExchange } from '../../src/exchange/okx/createOkxExchange.ts';
import { describeFuturesExchangeContract } from './exchangeContract.ts';
import { startLoopbackSimulator, stopClient } from './loopbackHarness.ts';

describeFuturesExchangeContract("OKX REST client against the simulator's OKX face over loopback", async () => {
  const loopback = await startLoopbackSimulator({ env: { SIM_VENUE: 'okx' } });
  const { account, server } = loopback.simulator;
  const exchange = createOkxExchange({
    config: {
      restUrl: server.url,
      credentials: { apiKey: account.apiKey, apiSecret: account.apiSecret, passphrase: account.apiMemo },
      demo: false,
    },
    clock: loopback.clock,
  });
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
