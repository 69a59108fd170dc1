import { composeVenue, type VenueExchange } from '../exchange/venues/composeVenue.ts';
import type { Clock } from '../platform/clock/index.ts';
import type { Env } from '../platform/config/env.ts';
import { loadVenueConfig, venueHasCredentials } from '../platform/config/venueConfig.ts';
import { createLogger } from '../platform/logging/logger.ts';

/**
 * The REST adapter of the venue `EXCHANGE` names (BitMart by default), for one-shot commands that
 * read the account; undefined without the venue's credentials.
 */
export function venueExchangeFromEnv(env: Env, clock: Clock): VenueExchange | undefined {
  const config = loadVenueConfig(env);
  if (!venueHasCredentials(config)) return undefined;
  return composeVenue(config, clock, createLogger({ name: config.venue, level: 'warn' })).exchange;
}
