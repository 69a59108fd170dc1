import type { z } from 'zod';
import { type BalanceSignalSchema, PAYLOAD_VERSION } from '../../../contracts/signals/index.ts';
import type { Balance } from '../../../exchange/port/types.ts';
import { isoUtc } from '../isoUtc.ts';
import { decimal } from './orderSignalFrom.ts';
import { stableTraceId } from './stableTraceId.ts';

/** A balance signal as enqueued (the schema's input side): the outbox sets `retry_count` per attempt. */
export type BalanceSignalPayload = Omit<z.input<typeof BalanceSignalSchema>, 'retry_count'>;

/**
 * The USDT balance signal (docs/reference/seed-contracts.md#balance-signal). `timestamp` comes from the venue's message
 * when `raw` has one (`timestamp` or `update_time`, in s or ms, as the PHP factory read it), else `observedAtMs`
 * (when the worker received it). `bonus` is always "0": BitMart futures pay none into this balance.
 */
export function balanceSignalFrom(
  balance: Balance,
  raw: Readonly<Record<string, unknown>> | undefined,
  observedAtMs: number,
): BalanceSignalPayload {
  const timestamp = isoUtc(venueTimeMs(raw) ?? observedAtMs);
  const fields = {
    asset: balance.currency.toUpperCase(),
    available_balance: decimal(balance.available),
    frozen_balance: decimal(balance.frozen),
    equity: decimal(balance.equity),
    unrealized_pnl: decimal(balance.unrealizedPnl),
    position_deposit: decimal(balance.positionMargin),
    bonus: '0',
    timestamp,
  };
  return {
    ...fields,
    // The same balance at the same instant is the same signal, however often it is replayed.
    trace_id: stableTraceId('balance', ...Object.values(fields)),
    payload_version: PAYLOAD_VERSION,
    context: { source: 'bitmart_ws_worker', ...(raw ? { raw_data: { ...raw } } : {}) },
  };
}

/** Values above 9 999 999 999 are milliseconds, below are seconds (the PHP factory's rule). */
function venueTimeMs(raw: Readonly<Record<string, unknown>> | undefined): number | undefined {
  const value = raw?.['timestamp'] ?? raw?.['update_time'];
  const number = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isFinite(number) || number <= 0) return undefined;
  return number > 9_999_999_999 ? number : number * 1000;
}
