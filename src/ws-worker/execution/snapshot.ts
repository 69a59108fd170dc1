import { z } from 'zod';
import { QUANTITY_UNITS } from '../../contracts/api/placeOrder.ts';
import { Dec } from '../../platform/decimal/index.ts';
import { clientOrderIdBase } from './clientOrderIds.ts';
import { ORDER_ROLE_KINDS, type OrderRole } from './orderRoles.ts';
import type { ClosePart, Closing, EntryRecord, PositionRecord } from './records.ts';
import {
  EntryManagementRowFields,
  entryManagementOf,
  ManagementRowSchema,
  positionManagementOf,
} from './snapshotManagement.ts';

/**
 * The execution store's file: the records of `records.ts` with every `Dec` as its plain string.
 * Fields added since the first version are optional and get their old meaning when absent, so a
 * file written by an older worker loads unchanged.
 */
const dec = z.string().transform((text) => new Dec(text));
const optionalDec = dec.optional();
const direction = z.enum(['long', 'short']);

const EntryRowSchema = z.object({
  id: z.string(),
  clientOrderIdBase: z.string().optional(),
  symbol: z.string(),
  side: direction,
  zoneMin: dec,
  zoneMax: dec,
  quantity: dec,
  requestedQuantity: optionalDec,
  quantityUnit: z.enum(QUANTITY_UNITS).optional(),
  leverage: z.number().optional(),
  stopLoss: optionalDec,
  takeProfit: optionalDec,
  callbackUrl: z.string().optional(),
  metadata: z.record(z.string(), z.unknown()).optional(),
  createdAt: z.number(),
  timeoutAt: z.number(),
  attempt: z.number().int().nonnegative(),
  order: z
    .object({
      clientOrderId: z.string(),
      orderId: z.string().optional(),
      price: optionalDec,
      sentAt: z.number().optional(),
    })
    .optional(),
  expired: z.boolean(),
  ...EntryManagementRowFields,
});

const reason = z.enum(['stop_loss', 'take_profit', 'trailing', 'time_stop', 'manual']);

const ClosingRowSchema = z.object({
  reason,
  attempt: z.number().int().positive(),
  parts: z.array(
    z.object({
      clientOrderId: z.string(),
      size: dec,
      orderId: z.string().optional(),
      outcome: z.union([z.object({ filled: dec, price: optionalDec }), z.object({ refused: z.string() })]).optional(),
    }),
  ),
  sentAt: z.number().optional(),
  settled: z.boolean().optional(),
  target: z.object({ number: z.number().int().positive(), size: dec }).optional(),
});

/** Before split closes: one order per attempt. */
const LegacyClosingRowSchema = z.object({ reason, clientOrderId: z.string(), orderId: z.string().optional() });

const PositionRowSchema = z.object({
  id: z.string(),
  clientOrderIdBase: z.string().optional(),
  symbol: z.string(),
  side: direction,
  size: dec,
  entryPrice: dec,
  stopLoss: optionalDec,
  takeProfit: optionalDec,
  callbackUrl: z.string().optional(),
  entryOrderId: z.string(),
  entryClientOrderId: z.string().optional(),
  createdAt: z.number(),
  closeAttempt: z.number().int().nonnegative(),
  closing: z.union([ClosingRowSchema, LegacyClosingRowSchema]).optional(),
  closeFailures: z.number().int().nonnegative(),
  closed: z.object({ size: dec, value: dec }).optional(),
  management: ManagementRowSchema.optional(),
});

const RoleRowSchema = z.object({
  kind: z.enum(ORDER_ROLE_KINDS),
  requestId: z.string(),
  parentClientOrderId: z.string().optional(),
  target: z.number().int().positive().optional(),
});

/**
 * The store file; `finished` keeps the ids of completed requests so a replay is still a 409, and
 * `roles` what each order of a request was (`orderRoles.ts`).
 */
export const SnapshotSchema = z.object({
  version: z.literal(1),
  entries: z.array(EntryRowSchema),
  positions: z.array(PositionRowSchema),
  finished: z.array(z.string()),
  roles: z.array(z.tuple([z.string(), RoleRowSchema])).optional(),
});

/** JSON with every `Dec` as its plain string (no exponent). */
export function serializeSnapshot(state: {
  entries: Iterable<EntryRecord>;
  positions: Iterable<PositionRecord>;
  finished: Iterable<string>;
  roles: Iterable<[string, OrderRole]>;
}): string {
  const snapshot = {
    version: 1,
    entries: [...state.entries],
    positions: [...state.positions],
    finished: [...state.finished],
    roles: [...state.roles],
  };
  // Dec's toJSON is its toString, plain with the platform's exponent limits.
  return JSON.stringify(snapshot);
}

export function parseSnapshot(text: string): {
  entries: EntryRecord[];
  positions: PositionRecord[];
  finished: string[];
  roles: [string, OrderRole][];
} {
  const parsed = SnapshotSchema.parse(JSON.parse(text));
  return {
    entries: parsed.entries.map((row) => ({
      ...row,
      clientOrderIdBase: row.clientOrderIdBase ?? clientOrderIdBase(row.id),
      requestedQuantity: row.requestedQuantity ?? row.quantity,
      quantityUnit: row.quantityUnit ?? 'contracts',
      leverage: row.leverage,
      stopLoss: row.stopLoss,
      takeProfit: row.takeProfit,
      callbackUrl: row.callbackUrl,
      metadata: row.metadata,
      order: row.order && {
        clientOrderId: row.order.clientOrderId,
        orderId: row.order.orderId,
        price: row.order.price,
        sentAt: row.order.sentAt,
      },
      ...entryManagementOf(row, row.takeProfit),
    })),
    positions: parsed.positions.map((row) => ({
      ...row,
      clientOrderIdBase: row.clientOrderIdBase ?? clientOrderIdBase(row.id),
      // Before the field, the first entry attempt carried the request id itself.
      entryClientOrderId: row.entryClientOrderId ?? (row.clientOrderIdBase ? undefined : row.id),
      stopLoss: row.stopLoss,
      takeProfit: row.takeProfit,
      callbackUrl: row.callbackUrl,
      closing: row.closing && closingOf(row.closing, row),
      closed: row.closed ?? { size: new Dec(0), value: new Dec(0) },
      management: positionManagementOf(row.management, {
        takeProfit: row.takeProfit,
        stopLoss: row.stopLoss,
        size: row.size,
        closedSize: row.closed?.size ?? new Dec(0),
      }),
    })),
    finished: parsed.finished,
    roles: (parsed.roles ?? []).map(([key, role]) => [key, roleOf(role)]),
  };
}

function closingOf(
  row: z.infer<typeof ClosingRowSchema> | z.infer<typeof LegacyClosingRowSchema>,
  position: { size: Dec; closeAttempt: number },
): Closing {
  if ('parts' in row) {
    const parts = row.parts.map((part) => ({
      ...part,
      orderId: part.orderId,
      outcome: part.outcome && outcomeOf(part.outcome),
    }));
    const { reason, attempt, sentAt } = row;
    return { reason, attempt, target: row.target, parts, sentAt, settled: row.settled ?? false };
  }
  const part = { clientOrderId: row.clientOrderId, size: position.size, orderId: row.orderId, outcome: undefined };
  const attempt = position.closeAttempt;
  return { reason: row.reason, attempt, target: undefined, parts: [part], sentAt: undefined, settled: false };
}

function outcomeOf(outcome: { filled: Dec; price?: Dec | undefined } | { refused: string }): ClosePart['outcome'] {
  return 'refused' in outcome ? { refused: outcome.refused } : { filled: outcome.filled, price: outcome.price };
}

function roleOf(row: z.infer<typeof RoleRowSchema>): OrderRole {
  const { kind, requestId, parentClientOrderId, target } = row;
  return {
    kind,
    requestId,
    ...(parentClientOrderId !== undefined && { parentClientOrderId }),
    ...(target !== undefined && { target }),
  };
}
