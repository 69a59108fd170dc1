import { z } from 'zod';
import { Dec } from '../../platform/decimal/index.ts';
import type { ExchangeTrigger, Management } from './records.ts';
import { freshManagement } from './requestManagement.ts';
import type { FallbackRule, Target, Trailing } from './tradePlan.ts';

/**
 * The trade-management fields of the store's file (`snapshot.ts`), each `Dec` as its string. All
 * of them came with issue 11: a file without them loads as the seed's single-target trade.
 */
const dec = z.string().transform((text) => new Dec(text));

const TargetRowSchema = z.object({ price: dec, fraction: dec });

const TrailingRowSchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('break_even') }),
  z.object({ mode: z.literal('atr_chandelier'), atr: dec, atrK: dec }),
]);

export const FallbackRowSchema = z.object({
  secondsBeforeEnd: z.number().int().positive(),
  maxSpreadBps: dec,
  maxSlippageBps: dec,
  onlyWithinZone: z.boolean(),
});

/** The entry's management fields, optional in the file. */
export const EntryManagementRowFields = {
  targets: z.array(TargetRowSchema).optional(),
  trailing: TrailingRowSchema.optional(),
  timeStopSeconds: z.number().int().positive().optional(),
  fallback: FallbackRowSchema.optional(),
};

const TriggerRowSchema = z.object({
  clientOrderId: z.string(),
  orderId: z.string().optional(),
  triggerPrice: dec,
  size: dec.optional(),
});

export const ManagementRowSchema = z.object({
  targets: z.array(TargetRowSchema),
  trailing: TrailingRowSchema.optional(),
  timeStopAt: z.number().optional(),
  initialStopLoss: dec.optional(),
  entryFilled: dec,
  targetsFilled: z.number().int().nonnegative(),
  stopMoved: z.boolean(),
  extreme: dec.optional(),
  targetClosed: z.object({ size: dec, value: dec }),
  protections: z.object({
    stop: TriggerRowSchema.optional(),
    stopOrders: z.number().int().nonnegative(),
    target: TriggerRowSchema.optional(),
    targetOrders: z.number().int().nonnegative(),
    finalTargetOrders: z.number().int().nonnegative().optional(),
  }),
});

type EntryManagementRow = {
  targets?: Target[] | undefined;
  trailing?: Trailing | undefined;
  timeStopSeconds?: number | undefined;
  fallback?: FallbackRule | undefined;
};

/** An entry row's management; a row from before it has its `take_profit` as the one target. */
export function entryManagementOf(row: EntryManagementRow, takeProfit: Dec | undefined) {
  return {
    targets: row.targets ?? singleTarget(takeProfit),
    trailing: row.trailing,
    timeStopSeconds: row.timeStopSeconds,
    fallback: row.fallback,
  };
}

/**
 * A position row's management. Before it, a position had one target and its stop never moved; the
 * entry filled what is still open plus what our closes took.
 */
export function positionManagementOf(
  row: z.infer<typeof ManagementRowSchema> | undefined,
  legacy: { takeProfit: Dec | undefined; stopLoss: Dec | undefined; size: Dec; closedSize: Dec },
): Management {
  if (!row) {
    const management = freshManagement(singleTarget(legacy.takeProfit), legacy.stopLoss);
    management.entryFilled = legacy.size.add(legacy.closedSize);
    return management;
  }
  const { protections } = row;
  return {
    ...row,
    trailing: row.trailing,
    timeStopAt: row.timeStopAt,
    initialStopLoss: row.initialStopLoss,
    extreme: row.extreme,
    protections: {
      ...protections,
      stop: triggerOf(protections.stop),
      target: triggerOf(protections.target),
      finalTargetOrders: protections.finalTargetOrders ?? 0,
    },
  };
}

function triggerOf(row: z.infer<typeof TriggerRowSchema> | undefined): ExchangeTrigger | undefined {
  return (
    row && { clientOrderId: row.clientOrderId, orderId: row.orderId, triggerPrice: row.triggerPrice, size: row.size }
  );
}

function singleTarget(takeProfit: Dec | undefined): Target[] {
  return takeProfit ? [{ price: takeProfit, fraction: new Dec(1) }] : [];
}
