import { BitmartFuturesExchange } from '../../src/exchange/bitmart/BitmartFuturesExchange.ts';
import {
  type CreateBitmartExchangeOptions,
  createBitmartExchange,
} from '../../src/exchange/bitmart/createBitmartExchange.ts';
import { type Clock, SystemClock } from '../../src/platform/clock/index.ts';
import { loadBitmartConfig } from '../../src/platform/config/bitmartConfig.ts';
import { silentLogger } from '../../src/platform/logging/logger.ts';
import { startTestSimulator } from '../support/testSimulator.ts';

/**
 * A simulator on loopback and our BitMart REST adapter pointed at it, configured the way
 * production is: through `loadBitmartConfig` and `createBitmartExchange`.
 */
export type SimulatorSession = Awaited<ReturnType<typeof startTestSimulator>>;

export interface CredentialOverrides {
  readonly apiKey?: string;
  readonly apiSecret?: string;
  readonly apiMemo?: string;
}

export function exchangeFor(
  session: SimulatorSession,
  overrides: CredentialOverrides = {},
  options: Partial<Omit<CreateBitmartExchangeOptions, 'config'>> = {},
): BitmartFuturesExchange {
  const account = session.simulator.account;
  const config = loadBitmartConfig({
    BITMART_BASE_URL: session.restUrl,
    BITMART_API_KEY: overrides.apiKey ?? account.apiKey,
    BITMART_API_SECRET: overrides.apiSecret ?? account.apiSecret,
    BITMART_API_MEMO: overrides.apiMemo ?? account.apiMemo,
  });
  return createBitmartExchange({ config, clock: new SystemClock(), logger: silentLogger(), ...options });
}

/** An exchange on any base URL (for the network-fault servers), with test credentials. */
export function exchangeAt(
  restUrl: string,
  options: Partial<Omit<CreateBitmartExchangeOptions, 'config'>> = {},
  credentials = { apiKey: 'test-key', apiSecret: 'test-secret', apiMemo: 'test-memo' },
): BitmartFuturesExchange {
  const config = loadBitmartConfig({
    BITMART_BASE_URL: restUrl,
    BITMART_API_KEY: credentials.apiKey,
    BITMART_API_SECRET: credentials.apiSecret,
    BITMART_API_MEMO: credentials.apiMemo,
  });
  return createBitmartExchange({ config, clock: new SystemClock(), logger: silentLogger(), ...options });
}

export async function startSimulatorWithExchange(
  env: Record<string, string> = {},
  clock?: Clock,
  options: Partial<Omit<CreateBitmartExchangeOptions, 'config'>> = {},
): Promise<{ session: SimulatorSession; exchange: BitmartFuturesExchange; stop: () => Promise<void> }> {
  const session = await startTestSimulator(env, clock);
  const exchange = exchangeFor(session, {}, options);
  return {
    session,
    exchange,
    stop: async () => {
      await exchange.stop();
      await session.simulator.stop();
    },
  };
}

/** Moves the simulated market to `price` through the admin API (loopback only). */
export async function setSimulatorPrice(session: SimulatorSession, symbol: string, price: string): Promise<void> {
  const response = await fetch(`${session.restUrl}/sim/price`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ symbol, price }),
  });
  if (!response.ok) throw new Error(`/sim/price answered ${response.status}: ${await response.text()}`);
}

export { BitmartFuturesExchange };
