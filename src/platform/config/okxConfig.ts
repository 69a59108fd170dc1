import { z } from 'zod';
import {
  booleanFlag,
  ConfigError,
  type Env,
  parseEnv,
  positiveInt,
  urlWithProtocol,
  withoutTrailingSlash,
} from './env.ts';

/**
 * OKX's production hosts (https://www.okx.com/docs-v5/en/#overview-production-trading-services);
 * demo trading uses the same REST host with `x-simulated-trading: 1`, and `wspap.okx.com`.
 */
export const OKX_DEFAULT_URLS = {
  rest: 'https://www.okx.com',
  publicWs: 'wss://ws.okx.com:8443/ws/v5/public',
  privateWs: 'wss://ws.okx.com:8443/ws/v5/private',
  businessWs: 'wss://ws.okx.com:8443/ws/v5/business',
} as const;

const OkxEnvSchema = z.object({
  OKX_BASE_URL: urlWithProtocol(['http', 'https']).default(OKX_DEFAULT_URLS.rest),
  OKX_WS_PUBLIC_URI: urlWithProtocol(['ws', 'wss']).default(OKX_DEFAULT_URLS.publicWs),
  OKX_WS_PRIVATE_URI: urlWithProtocol(['ws', 'wss']).default(OKX_DEFAULT_URLS.privateWs),
  OKX_WS_BUSINESS_URI: urlWithProtocol(['ws', 'wss']).default(OKX_DEFAULT_URLS.businessWs),
  OKX_API_KEY: z.string().optional(),
  OKX_API_SECRET: z.string().optional(),
  OKX_API_PASSPHRASE: z.string().optional(),
  /** OKX's demo trading: every request carries `x-simulated-trading: 1`. */
  OKX_DEMO: booleanFlag.default(false),
  /** Our orders' tag (decision 0028); OKX allows letters and digits, at most 16. */
  OKX_ORDER_TAG: z
    .string()
    .regex(/^[A-Za-z0-9]{1,16}$/, 'expected 1 to 16 letters and digits')
    .optional(),
  PING_INTERVAL_S: z.coerce.number().positive().default(15),
  RECONNECT_DELAY_S: positiveInt.default(5),
});

export interface OkxApiCredentials {
  readonly apiKey: string;
  readonly apiSecret: string;
  readonly passphrase: string;
}

export type OkxConfig = Readonly<{
  restUrl: string;
  publicWsUrl: string;
  privateWsUrl: string;
  businessWsUrl: string;
  /** Undefined when no key is configured: public data only. */
  credentials: OkxApiCredentials | undefined;
  demo: boolean;
  /** Undefined: the adapter's own default tag. */
  orderTag: string | undefined;
  pingIntervalMs: number;
  reconnectDelayMs: number;
}>;

export function loadOkxConfig(env: Env = process.env): OkxConfig {
  const parsed = parseEnv(OkxEnvSchema, env);
  // A key without its secret or passphrase fails closed at start rather than at the first signed call.
  if (parsed.OKX_API_KEY) {
    for (const [name, value] of [
      ['OKX_API_SECRET', parsed.OKX_API_SECRET],
      ['OKX_API_PASSPHRASE', parsed.OKX_API_PASSPHRASE],
    ] as const) {
      if (!value) throw new ConfigError(name, 'required when OKX_API_KEY is set');
    }
  }
  return Object.freeze({
    restUrl: withoutTrailingSlash(parsed.OKX_BASE_URL),
    publicWsUrl: parsed.OKX_WS_PUBLIC_URI,
    privateWsUrl: parsed.OKX_WS_PRIVATE_URI,
    businessWsUrl: parsed.OKX_WS_BUSINESS_URI,
    credentials: parsed.OKX_API_KEY
      ? Object.freeze({
          apiKey: parsed.OKX_API_KEY,
          apiSecret: parsed.OKX_API_SECRET ?? '',
          passphrase: parsed.OKX_API_PASSPHRASE ?? '',
        })
      : undefined,
    demo: parsed.OKX_DEMO,
    orderTag: parsed.OKX_ORDER_TAG,
    pingIntervalMs: parsed.PING_INTERVAL_S * 1000,
    reconnectDelayMs: parsed.RECONNECT_DELAY_S * 1000,
  });
}
