import { createBitmartExchange } from '../../src/exchange/bitmart/createBitmartExchange.ts';
import { createOkxExchange } from '../../src/exchange/okx/createOkxExchange.ts';
import type { OkxCredentials } from '../../src/exchange/okx/rest/OkxRestClient.ts';
import type { FuturesExchange } from '../../src/exchange/port/index.ts';
import { ManualClock } from '../../src/platform/clock/index.ts';
import { type BitmartConfig, loadBitmartConfig } from '../../src/platform/config/bitmartConfig.ts';
import type { Dec } from '../../src/platform/decimal/index.ts';
import type { Simulator } from '../../src/simulator/main.ts';
import { startTestSimulator } from '../support/testSimulator.ts';

const ADVANCE_STEP_MS = 250;

export interface LoopbackSimulator {
  readonly clock: ManualClock;
  readonly simulator: Simulator;
  /** Our BitMart client configuration, pointed at the simulator with its demo account. */
  readonly config: BitmartConfig;
  setPrice(symbol: string, price: Dec): Promise<void>;
  advance(ms: number): Promise<void>;
}

/**
 * A real simulator on a loopback port, on a manual clock shared with the client under test. The
 * clock starts at the real time because the simulator checks signature timestamps against its
 * own clock. The live price process is paused unless `liveMarket`, so that only tests move prices;
 * streams want it live, as a real venue's pushes never stop.
 */
export async function startLoopbackSimulator(
  options: { liveMarket?: boolean; env?: Record<string, string> } = {},
): Promise<LoopbackSimulator> {
  const clock = new ManualClock(Date.now());
  const started = await startTestSimulator({ SIM_ORDER_VISIBILITY_MS: '300', ...options.env }, clock);
  const { simulator } = started;
  if (!options.liveMarket) simulator.market.pause();
  const config = loadBitmartConfig({
    BITMART_BASE_URL: started.restUrl,
    BITMART_PUBLIC_WS_URI: started.publicWsUrl,
    BITMART_PRIVATE_WS_URI: started.privateWsUrl,
    BITMART_API_KEY: started.config.apiKey,
    BITMART_API_SECRET: started.config.apiSecret,
    BITMART_API_MEMO: started.config.apiMemo,
  });
  return {
    clock,
    simulator,
    config,
    async setPrice(symbol, price) {
      simulator.market.setPrice(symbol, price);
    },
    // In steps, letting socket I/O through between them: the client's heartbeats and the
    // simulator's pushes then interleave as they would in real time, instead of one frozen jump.
    async advance(ms) {
      for (let left = ms; left > 0; left -= ADVANCE_STEP_MS) {
        clock.advance(Math.min(ADVANCE_STEP_MS, left));
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    },
  };
}

/** Our BitMart REST client on the loopback simulator, on the same manual clock. */
export function loopbackClient(loopback: LoopbackSimulator) {
  return createBitmartExchange({ config: loopback.config, clock: loopback.clock });
}

/** Releases the client's sockets if it has a lifecycle (the port itself has none). */
export async function stopClient(exchange: FuturesExchange): Promise<void> {
  if ('stop' in exchange && typeof exchange.stop === 'function') await exchange.stop();
}

/** The simulator's demo account as OKX credentials (its memo is the passphrase). */
export function okxLoopbackCredentials(loopback: LoopbackSimulator): OkxCredentials {
  const { account } = loopback.simulator;
  return { apiKey: account.apiKey, apiSecret: account.apiSecret, passphrase: account.apiMemo };
}

/** Our OKX REST client on the simulator's OKX face (`SIM_VENUE=okx`), on the same manual clock. */
export function okxLoopbackClient(loopback: LoopbackSimulator) {
  return createOkxExchange({
    config: { restUrl: loopback.simulator.server.url, credentials: okxLoopbackCredentials(loopback), demo: false },
    clock: loopback.clock,
  });
}

/**
 * What every contract harness on the loopback simulator shares: the client, BTCUSDT, the
 * simulator's price and clock; the teardown stops `before` (the streams), then the client and
 * the simulator.
 */
export function loopbackHarness(
  loopback: LoopbackSimulator,
  exchange: FuturesExchange,
  before: () => Promise<void> = async () => undefined,
) {
  return {
    exchange,
    symbol: 'BTCUSDT',
    controllableTime: true,
    setPrice: loopback.setPrice,
    advance: loopback.advance,
    async teardown() {
      await before();
      await stopClient(exchange);
      await loopback.simulator.stop();
    },
  };
}
