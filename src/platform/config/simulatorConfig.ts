import { z } from 'zod';
import { allowedHostList, booleanFlag, type Env, hostPort, nonNegativeInt, parseEnv } from './env.ts';

/** Demo credentials the simulator accepts unless told otherwise; printed by `sim:run` and `up`. */
export const SIMULATOR_DEMO_CREDENTIALS = {
  apiKey: 'sim-demo-key',
  apiSecret: 'sim-demo-secret',
  apiMemo: 'sim-demo-memo',
} as const;

const SimulatorEnvSchema = z.object({
  SIM_ADDR: hostPort.default({ host: '127.0.0.1', port: 8090 }),
  /** Names `/sim/` callers may use in `Host` besides loopback and SIM_ADDR's host. */
  SIM_ALLOWED_HOSTS: allowedHostList,
  SIM_API_KEY: z.string().min(1).default(SIMULATOR_DEMO_CREDENTIALS.apiKey),
  SIM_API_SECRET: z.string().min(1).default(SIMULATOR_DEMO_CREDENTIALS.apiSecret),
  SIM_API_MEMO: z.string().default(SIMULATOR_DEMO_CREDENTIALS.apiMemo),
  SIM_SEED: z.coerce.number().int().nonnegative().default(42),
  SIM_BALANCE_USDT: z
    .string()
    .regex(/^\d+(\.\d+)?$/, 'expected a non-negative decimal amount of USDT')
    .default('10000'),
  SIM_ORDER_VISIBILITY_MS: nonNegativeInt.default(300),
  SIM_RATE_LIMITS: booleanFlag.default(false),
  /** Seconds between forced drops of every WebSocket connection; 0 = never. */
  SIM_WS_DROP_EVERY_S: nonNegativeInt.default(0),
  /** Milliseconds between steps of the live price process. */
  SIM_TICK_MS: z.coerce.number().int().min(10).default(250),
  /** Close connections that subscribe to nothing within 5 s, as BitMart does. */
  SIM_WS_LIFELESS_CLOSE: booleanFlag.default(true),
  /**
   * The venue whose account defaults the demo account takes: BitMart's hedge mode, or OKX's net
   * mode (decision 0027). Both wire faces are served either way.
   */
  SIM_VENUE: z.enum(['bitmart', 'okx']).default('bitmart'),
  /** OKX closes a WebSocket after 30 s without a subscription or a push (code 4004). */
  SIM_OKX_WS_IDLE_CLOSE: booleanFlag.default(true),
});

export type SimulatorConfig = Readonly<{
  host: string;
  port: number;
  allowedHosts: readonly string[];
  apiKey: string;
  apiSecret: string;
  apiMemo: string;
  seed: number;
  balanceUsdt: string;
  orderVisibilityMs: number;
  rateLimits: boolean;
  wsDropEverySeconds: number;
  tickMs: number;
  wsLifelessClose: boolean;
  venue: 'bitmart' | 'okx';
  okxWsIdleClose: boolean;
}>;

export function loadSimulatorConfig(env: Env = process.env): SimulatorConfig {
  const parsed = parseEnv(SimulatorEnvSchema, env);
  return Object.freeze({
    host: parsed.SIM_ADDR.host,
    port: parsed.SIM_ADDR.port,
    allowedHosts: Object.freeze(parsed.SIM_ALLOWED_HOSTS),
    apiKey: parsed.SIM_API_KEY,
    apiSecret: parsed.SIM_API_SECRET,
    apiMemo: parsed.SIM_API_MEMO,
    seed: parsed.SIM_SEED,
    balanceUsdt: parsed.SIM_BALANCE_USDT,
    orderVisibilityMs: parsed.SIM_ORDER_VISIBILITY_MS,
    rateLimits: parsed.SIM_RATE_LIMITS,
    wsDropEverySeconds: parsed.SIM_WS_DROP_EVERY_S,
    tickMs: parsed.SIM_TICK_MS,
    wsLifelessClose: parsed.SIM_WS_LIFELESS_CLOSE,
    venue: parsed.SIM_VENUE,
    okxWsIdleClose: parsed.SIM_OKX_WS_IDLE_CLOSE,
  });
}
