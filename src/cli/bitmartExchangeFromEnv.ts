import type { BitmartFuturesExchange } from '../exchange/bitmart/BitmartFuturesExchange.ts';
import { createBitmartExchange } from '../exchange/bitmart/createBitmartExchange.ts';
import { SystemClock } from '../platform/clock/index.ts';
import { loadBitmartConfig } from '../platform/config/bitmartConfig.ts';
import { createLogger } from '../platform/logging/logger.ts';

/** The BitMart REST adapter configured from BITMART_* variables, for one-shot commands. */
export function bitmartExchangeFromEnv(): BitmartFuturesExchange {
  return createBitmartExchange({
    config: loadBitmartConfig(),
    clock: new SystemClock(),
    logger: createLogger({ name: 'bitmart', level: 'warn' }),
  });
}
