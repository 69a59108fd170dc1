import { inArray, sql } from 'drizzle-orm';
import type { BalanceAmounts } from '../../domain/balance.ts';
import { type BalanceAlertKind, checkBalanceAlerts, nextAlertState } from '../../domain/balanceAlerts.ts';
import type { AlertPolicy } from '../../TradingAppServices.ts';
import type { StoreTransaction } from '../executor.ts';
import { alertStates, alerts } from '../schema.ts';

/** An alert written in this transaction, to be logged once it commits. */
export interface FiredAlert {
  readonly kind: BalanceAlertKind;
  readonly message: string;
  readonly value: string;
  readonly threshold: string;
  readonly traceId: string;
}

/**
 * Checks a new balance against the policy and writes an alert for each rule that has just been
 * crossed. The alert states are locked (`FOR UPDATE`) so two balances ingested at once cannot
 * both see "not raised" and fire twice; a balance older than the last one evaluated is ignored,
 * so a late retry cannot re-arm or re-fire a rule.
 */
export async function applyBalanceAlerts(
  tx: StoreTransaction,
  input: { balance: BalanceAmounts; observedAt: Date; traceId: string; policy: AlertPolicy; now: Date },
): Promise<FiredAlert[]> {
  const checks = checkBalanceAlerts(input.balance, input.policy);
  if (checks.length === 0) return [];
  const kinds = checks.map((check) => check.kind);
  await tx
    .insert(alertStates)
    .values(kinds.map((kind) => ({ kind, raised: false, changedAt: input.now })))
    .onConflictDoNothing({ target: alertStates.kind });
  const states = await tx.select().from(alertStates).where(inArray(alertStates.kind, kinds)).for('update');
  const fired: FiredAlert[] = [];
  for (const check of checks) {
    const state = states.find((row) => row.kind === check.kind);
    if (state?.observedAt && state.observedAt > input.observedAt) continue;
    const next = nextAlertState(state?.raised ?? false, check.breached);
    await tx
      .update(alertStates)
      .set({
        raised: next.raised,
        lastValue: check.value.toFixed(),
        observedAt: input.observedAt,
        changedAt: next.raised === state?.raised ? sql`${alertStates.changedAt}` : input.now,
      })
      .where(sql`${alertStates.kind} = ${check.kind}`);
    if (!next.fire) continue;
    const alert = {
      kind: check.kind,
      message: check.message,
      value: check.value.toFixed(),
      threshold: check.threshold.toFixed(),
      traceId: input.traceId,
    };
    await tx.insert(alerts).values({ ...alert, createdAt: input.now });
    fired.push(alert);
  }
  return fired;
}
