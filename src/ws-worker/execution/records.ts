import { z } from 'zod';
import { Dec } from '../../platform/decimal/index.ts';
import type { CloseReason, Direction } from './triggers.ts';

/**
 * What the execution keeps per request, in memory with `Dec` fields and on disk as strings. A
 * request is an *entry* while no position came of it yet, then a *position* until closed; its id
 * stays the request id throughout (the callback's `order_id`, then `position_id`).
 */
export interface EntryRecord {
  readonly id: string;
  readonly symbol: string;
  readonly side: Direction;
  readonly zoneMin: Dec;
  readonly zoneMax: Dec;
  /** Contracts. */
  readonly quantity: Dec;
  readonly leverage: number | undefined;
  readonly stopLoss: Dec | undefined;
  readonly takeProfit: Dec | undefined;
  readonly callbackUrl: string | undefined;
  readonly metadata: Record<string, unknown> | undefined;
  readonly createdAt: number;
  readonly timeoutAt: number;
  /** Entry orders sent so far; attempt n uses `entryClientOrderId(id, n)`. */
  attempt: number;
  /** The attempt's order while it may be live on the venue; undefined while waiting for the zone. */
  order: { clientOrderId: string; orderId: string | undefined; price: Dec | undefined } | undefined;
  /** Set once the timeout passed: a live order is being canceled, no new one is sent. */
  expired: boolean;
}

export interface PositionRecord {
  readonly id: string;
  readonly symbol: string;
  readonly side: Direction;
  /** Contracts filled by the entry order (grows with partial fills). */
  size: Dec;
  entryPrice: Dec;
  readonly stopLoss: Dec | undefined;
  readonly takeProfit: Dec | undefined;
  readonly callbackUrl: string | undefined;
  readonly entryOrderId: string;
  readonly createdAt: number;
  /** Close orders sent so far; close n uses `closeClientOrderId(id, n)`. */
  closeAttempt: number;
  /** The close in flight: while set, no other close is sent. */
  closing: { reason: CloseReason; clientOrderId: string; orderId: string | undefined } | undefined;
  closeFailures: number;
}

const dec = z.string().transform((text) => new Dec(text));
const optionalDec = dec.optional();
const direction = z.enum(['long', 'short']);

const EntryRowSchema = z.object({
  id: z.string(),
  symbol: z.string(),
  side: direction,
  zoneMin: dec,
  zoneMax: dec,
  quantity: dec,
  leverage: z.number().optional(),
  stopLoss: optionalDec,
  takeProfit: optionalDec,
  callbackUrl: z.string().optional(),
  metadata: z.record(z.string(), z.unknown()).optional(),
  createdAt: z.number(),
  timeoutAt: z.number(),
  attempt: z.number().int().nonnegative(),
  order: z.object({ clientOrderId: z.string(), orderId: z.string().optional(), price: optionalDec }).optional(),
  expired: z.boolean(),
});

const PositionRowSchema = z.object({
  id: z.string(),
  symbol: z.string(),
  side: direction,
  size: dec,
  entryPrice: dec,
  stopLoss: optionalDec,
  takeProfit: optionalDec,
  callbackUrl: z.string().optional(),
  entryOrderId: z.string(),
  createdAt: z.number(),
  closeAttempt: z.number().int().nonnegative(),
  closing: z
    .object({
      reason: z.enum(['stop_loss', 'take_profit']),
      clientOrderId: z.string(),
      orderId: z.string().optional(),
    })
    .optional(),
  closeFailures: z.number().int().nonnegative(),
});

/** The store file; `finished` keeps the ids of completed requests so a replay is still a 409. */
export const SnapshotSchema = z.object({
  version: z.literal(1),
  entries: z.array(EntryRowSchema),
  positions: z.array(PositionRowSchema),
  finished: z.array(z.string()),
});

/** JSON with every `Dec` as its plain string (no exponent). */
export function serializeSnapshot(state: {
  entries: Iterable<EntryRecord>;
  positions: Iterable<PositionRecord>;
  finished: Iterable<string>;
}): string {
  const snapshot = {
    version: 1,
    entries: [...state.entries],
    positions: [...state.positions],
    finished: [...state.finished],
  };
  // Dec's toJSON is its toString, plain with the platform's exponent limits.
  return JSON.stringify(snapshot);
}

export function parseSnapshot(text: string): {
  entries: EntryRecord[];
  positions: PositionRecord[];
  finished: string[];
} {
  const parsed = SnapshotSchema.parse(JSON.parse(text));
  return {
    entries: parsed.entries.map((row) => ({
      ...row,
      leverage: row.leverage,
      stopLoss: row.stopLoss,
      takeProfit: row.takeProfit,
      callbackUrl: row.callbackUrl,
      metadata: row.metadata,
      order: row.order && {
        clientOrderId: row.order.clientOrderId,
        orderId: row.order.orderId,
        price: row.order.price,
      },
    })),
    positions: parsed.positions.map((row) => ({
      ...row,
      stopLoss: row.stopLoss,
      takeProfit: row.takeProfit,
      callbackUrl: row.callbackUrl,
      closing: row.closing && { ...row.closing, orderId: row.closing.orderId },
    })),
    finished: parsed.finished,
  };
}
