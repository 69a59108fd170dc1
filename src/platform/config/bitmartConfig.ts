import { z } from 'zod';
import { ConfigError, type Env, parseEnv, positiveInt, urlWithProtocol, withoutTrailingSlash } from './env.ts';

/** BitMart's current futures V2 hosts (docs/reference/bitmart-wire.md#hosts); the seeds' ws-pro host is unverified. */
export const BITMART_DEFAULT_URLS = {
  rest: 'https://api-cloud-v2.bitmart.com',
  publicWs: 'wss://openapi-ws-v2.bitmart.com/api?protocol=1.1',
  privateWs: 'wss://openapi-ws-v2.bitmart.com/user?protocol=1.1',
} as const;

const BitmartEnvSchema = z.object({
  BITMART_BASE_URL: urlWithProtocol(['http', 'https']).default(BITMART_DEFAULT_URLS.rest),
  BITMART_PUBLIC_WS_URI: urlWithProtocol(['ws', 'wss']).default(BITMART_DEFAULT_URLS.publicWs),
  BITMART_PRIVATE_WS_URI: urlWithProtocol(['ws', 'wss']).default(BITMART_DEFAULT_URLS.privateWs),
  BITMART_API_KEY: z.string().optional(),
  BITMART_API_SECRET: z.string().optional(),
  /**
   * The seeds' name for the secret (docker-compose maps it to BITMART_API_SECRET:
   * docs/reference/seed-contracts.md#worker-environment).
   */
  BITMART_SECRET_KEY: z.string().optional(),
  BITMART_API_MEMO: z.string().optional(),
  SUBSCRIBE_BATCH: positiveInt.max(100).default(20),
  SUBSCRIBE_DELAY_MS: z.coerce.number().int().nonnegative().default(200),
  PING_INTERVAL_S: z.coerce.number().positive().default(15),
  RECONNECT_DELAY_S: z.coerce.number().positive().default(5),
});

export interface BitmartCredentials {
  readonly apiKey: string;
  readonly apiSecret: string;
  readonly apiMemo: string;
}

export type BitmartConfig = Readonly<{
  restUrl: string;
  publicWsUrl: string;
  privateWsUrl: string;
  /** Undefined when no key is configured: public data only. */
  credentials: BitmartCredentials | undefined;
  subscribeBatch: number;
  subscribeDelayMs: number;
  pingIntervalMs: number;
  reconnectDelayMs: number;
}>;

export function loadBitmartConfig(env: Env = process.env): BitmartConfig {
  const parsed = parseEnv(BitmartEnvSchema, env);
  const apiSecret = parsed.BITMART_API_SECRET ?? parsed.BITMART_SECRET_KEY;
  // A key without its secret fails closed at start rather than at the first signed call.
  if (parsed.BITMART_API_KEY && !apiSecret) {
    throw new ConfigError(
      'BITMART_API_SECRET',
      'required when BITMART_API_KEY is set (also read as BITMART_SECRET_KEY)',
    );
  }
  return Object.freeze({
    restUrl: withoutTrailingSlash(parsed.BITMART_BASE_URL),
    publicWsUrl: parsed.BITMART_PUBLIC_WS_URI,
    privateWsUrl: parsed.BITMART_PRIVATE_WS_URI,
    credentials: parsed.BITMART_API_KEY
      ? Object.freeze({
          apiKey: parsed.BITMART_API_KEY,
          apiSecret: apiSecret ?? '',
          apiMemo: parsed.BITMART_API_MEMO ?? '',
        })
      : undefined,
    subscribeBatch: parsed.SUBSCRIBE_BATCH,
    subscribeDelayMs: parsed.SUBSCRIBE_DELAY_MS,
    pingIntervalMs: parsed.PING_INTERVAL_S * 1000,
    reconnectDelayMs: parsed.RECONNECT_DELAY_S * 1000,
  });
}
