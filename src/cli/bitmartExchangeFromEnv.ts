import type { BitmartFuturesExchange } from '../exchange/bitmart/BitmartFuturesExchange.ts';
import { createBitmartExchange } from '../exchange/bitmart/createBitmartExchange.ts';
import type { Clock } from '../platform/clock/index.ts';
import { loadBitmartConfig } from '../platform/config/bitmartConfig.ts';
import type { Env } from '../platform/config/env.ts';
import { createLogger } from '../platform/logging/logger.ts';

/** The BitMart REST adapter configured from BITMART_* variables, for one-shot commands. */
export function bitmartExchangeFromEnv(env: Env, clock: Clock): BitmartFuturesExchange {
  return createBitmartExchange({
    config: loadBitmartConfig(env),
    clock,
    logger: createLogger({ name: 'bitmart', level: 'warn' }),
  });
}
