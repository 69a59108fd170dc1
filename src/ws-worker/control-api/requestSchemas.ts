import { z } from 'zod';
import { SUPPORTED_TIMEFRAMES, type SupportedTimeframe } from '../streams/supportedTimeframes.ts';

/** The original's answer when either field is absent (docs/reference/seed-contracts.md#control-api). */
export const MISSING_KLINE_FIELDS = 'Missing symbol or tfs parameter';

export type KlineRequest = { readonly symbol: string; readonly timeframes: readonly SupportedTimeframe[] };

const KlineBodySchema = z.strictObject({
  symbol: z.string(),
  /** A single string is coerced to a list, as the original did. */
  tfs: z.union([z.string(), z.array(z.string())]),
});

/**
 * `{"symbol":"BTCUSDT","tfs":["1m","5m"]}` → a validated request, or the first thing wrong with
 * it, worded for the caller. Symbols are upper-cased; timeframes keep their first-seen order.
 */
export function parseKlineRequest(body: unknown): KlineRequest | { readonly error: string } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { error: 'expected a JSON object' };
  const record = body as Record<string, unknown>;
  if (record.symbol === undefined || record.symbol === '' || record.tfs === undefined) {
    return { error: MISSING_KLINE_FIELDS };
  }
  const parsed = KlineBodySchema.safeParse(body);
  if (!parsed.success) return { error: describeIssue(parsed.error, body) };
  const symbol = parsed.data.symbol.trim().toUpperCase();
  if (!/^[A-Z0-9]{2,30}$/.test(symbol)) return { error: `"${parsed.data.symbol}" is not a symbol such as BTCUSDT` };
  const requested = typeof parsed.data.tfs === 'string' ? [parsed.data.tfs] : parsed.data.tfs;
  if (requested.length === 0) return { error: MISSING_KLINE_FIELDS };
  const timeframes: SupportedTimeframe[] = [];
  for (const raw of requested) {
    const timeframe = SUPPORTED_TIMEFRAMES.find((supported) => supported === raw.trim().toLowerCase());
    if (!timeframe) {
      return { error: `unknown timeframe "${raw}"; supported: ${SUPPORTED_TIMEFRAMES.join(', ')}` };
    }
    if (!timeframes.includes(timeframe)) timeframes.push(timeframe);
  }
  return { symbol, timeframes };
}

/**
 * `Missing required field: X` as the original's place-order said it (seed-contracts.md#place-order),
 * else the field and zod's message.
 */
export function describeIssue(error: z.ZodError, body: unknown): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid request';
  const field = issue.path.join('.');
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'expected a JSON object';
  const [top] = issue.path;
  if (issue.path.length === 1 && typeof top === 'string' && !(top in body)) return `Missing required field: ${top}`;
  if (issue.code === 'unrecognized_keys') return `unknown field: ${issue.keys.join(', ')}`;
  return field === '' ? issue.message : `${field}: ${issue.message}`;
}
