import { z } from 'zod';
import { type BitmartConfig, loadBitmartConfig } from './bitmartConfig.ts';
import { type Env, parseEnv } from './env.ts';
import { loadOkxConfig, type OkxConfig } from './okxConfig.ts';

export const VENUES = ['bitmart', 'okx'] as const;
export type VenueName = (typeof VENUES)[number];

const VenueEnvSchema = z.object({
  /** The exchange every role trades on; the composition roots build its adapter (decision 0032). */
  EXCHANGE: z.enum(VENUES, { message: `expected ${VENUES.join(' or ')}` }).default('bitmart'),
});

/** The venue the roles run on, with the configuration of its adapter. */
export type VenueConfig =
  | Readonly<{ venue: 'bitmart'; bitmart: BitmartConfig }>
  | Readonly<{ venue: 'okx'; okx: OkxConfig }>;

export function loadVenueConfig(env: Env = process.env): VenueConfig {
  const { EXCHANGE } = parseEnv(VenueEnvSchema, env);
  return EXCHANGE === 'okx'
    ? Object.freeze({ venue: 'okx', okx: loadOkxConfig(env) })
    : Object.freeze({ venue: 'bitmart', bitmart: loadBitmartConfig(env) });
}

/** The venue's REST base URL: loopback means the simulator (paper), anything else a real exchange. */
export function venueRestUrl(config: VenueConfig): string {
  return config.venue === 'okx' ? config.okx.restUrl : config.bitmart.restUrl;
}

/** Whether the venue's credentials are configured (private endpoints, order placement). */
export function venueHasCredentials(config: VenueConfig): boolean {
  return (config.venue === 'okx' ? config.okx.credentials : config.bitmart.credentials) !== undefined;
}
