import { existsSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import type { Env } from '../../platform/config/env.ts';

/**
 * `config/orders.yaml` of the PHP worker (docs/reference/seed-contracts.md#orders-yaml), now actually loaded: the
 * original file must load unchanged, so every key it has is accepted, and keys it does not have are refused
 * (a typo would otherwise silently keep a default). Values may be `${VAR:-default}` as in the
 * original; they are interpolated before validation, so `"5"` from a variable is still checked.
 *
 * Keys the event-driven worker does not need are kept for compatibility and documented as such:
 * `check_interval_ms` (triggers run on every price event, not on a timer), `take_profit.partial_close`
 * (unused by the original too), `callback.*` timings (the outbox owns delivery and its retries), `bitmart.*`
 * (the exchange adapter has its own config).
 */
const percent = z.number().min(0).max(100);
const positiveSeconds = z.number().positive();

const EntryZoneSchema = z.strictObject({
  tolerance_percent: percent.default(0.1),
  timeout_seconds: z.number().int().positive().max(86_400).default(300),
  immediate_if_in_zone: z.boolean().default(true),
});
const StopLossSchema = z.strictObject({
  check_interval_ms: z.number().int().positive().default(100),
  slippage_tolerance_percent: percent.default(0.05),
});
const TakeProfitSchema = z.strictObject({
  check_interval_ms: z.number().int().positive().default(500),
  slippage_tolerance_percent: percent.default(0.05),
  partial_close: z.boolean().default(true),
});
const OrderTypeSchema = z.strictObject({
  default: z.enum(['limit', 'market']).default('limit'),
  post_only: z.boolean().default(true),
});
const CallbackSchema = z.strictObject({
  base_url: z.url({ protocol: /^https?$/ }).default('http://trading-app:8080'),
  timeout_seconds: positiveSeconds.default(5),
  retry_attempts: z.number().int().nonnegative().default(3),
  retry_delay_seconds: z.number().nonnegative().default(2),
});
const BitmartSchema = z.strictObject({
  api_base_url: z.url({ protocol: /^https?$/ }).default('https://api-cloud-v2.bitmart.com'),
  timeout_seconds: positiveSeconds.default(5),
});

export const OrdersConfigSchema = z.strictObject({
  orders: z
    .strictObject({
      entry_zone: EntryZoneSchema.default(EntryZoneSchema.parse({})),
      stop_loss: StopLossSchema.default(StopLossSchema.parse({})),
      take_profit: TakeProfitSchema.default(TakeProfitSchema.parse({})),
      order_type: OrderTypeSchema.default(OrderTypeSchema.parse({})),
      callback: CallbackSchema.default(CallbackSchema.parse({})),
    })
    .default(() => ({
      entry_zone: EntryZoneSchema.parse({}),
      stop_loss: StopLossSchema.parse({}),
      take_profit: TakeProfitSchema.parse({}),
      order_type: OrderTypeSchema.parse({}),
      callback: CallbackSchema.parse({}),
    })),
  bitmart: BitmartSchema.default(BitmartSchema.parse({})),
});

export type OrdersConfig = z.infer<typeof OrdersConfigSchema>;

/** The documented defaults (seed-contracts.md#orders-yaml), what a missing file yields. */
export const DEFAULT_ORDERS_CONFIG: OrdersConfig = deepFreeze(OrdersConfigSchema.parse({}));

export class OrdersConfigError extends Error {
  override readonly name = 'OrdersConfigError';
  constructor(
    readonly file: string,
    readonly keyPath: string,
    detail: string,
  ) {
    super(`${file}: ${keyPath}: ${detail}`);
  }
}

/**
 * Reads, interpolates and validates the file once at start. A missing file yields the defaults
 * (the PHP worker ran on hard-coded values without it); a malformed one fails naming the key.
 * `env` feeds `${VAR:-default}`: the composition root passes the environment it parsed.
 */
export function loadOrdersConfig(path: string, env: Env = {}): OrdersConfig {
  if (!existsSync(path)) return DEFAULT_ORDERS_CONFIG;
  let document: unknown;
  try {
    document = parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new OrdersConfigError(path, '(document)', `not valid YAML: ${(error as Error).message}`);
  }
  const interpolated = interpolate(document ?? {}, { file: path, env }, []);
  const result = OrdersConfigSchema.safeParse(interpolated);
  if (!result.success) {
    const issue = result.error.issues[0];
    const keys = issue?.code === 'unrecognized_keys' ? issue.keys : [];
    const base = issue?.path.map(String) ?? [];
    const keyPath = [...base, ...keys.slice(0, 1)].join('.') || '(document)';
    throw new OrdersConfigError(path, keyPath, issue?.message ?? 'invalid');
  }
  return deepFreeze(result.data);
}

const VARIABLE = /^\$\{([A-Z_][A-Z0-9_]*)(?::-(.*))?\}$/s;

/** `${VAR:-default}` as a whole scalar; numbers and booleans coming from a variable are typed back. */
function interpolate(value: unknown, source: { file: string; env: Env }, path: string[]): unknown {
  if (Array.isArray(value)) return value.map((item, index) => interpolate(item, source, [...path, String(index)]));
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).map(([key, item]) => [key, interpolate(item, source, [...path, key])]);
    return Object.fromEntries(entries);
  }
  if (typeof value !== 'string' || !value.includes('${')) return value;
  const match = VARIABLE.exec(value);
  if (!match) throw new OrdersConfigError(source.file, path.join('.'), `unsupported interpolation "${value}"`);
  const [, name = '', fallback] = match;
  const resolved = source.env[name] ?? fallback;
  if (resolved === undefined) throw new OrdersConfigError(source.file, path.join('.'), `${name} is not set`);
  return typed(resolved);
}

function typed(text: string): unknown {
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  if (text === 'true' || text === 'false') return text === 'true';
  return text;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const item of Object.values(value)) deepFreeze(item);
    Object.freeze(value);
  }
  return value;
}
