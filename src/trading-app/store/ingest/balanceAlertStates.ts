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

/** One stored balance to check, with the moment its ingest started. */
export interface BalanceToCheck {
  readonly balance: BalanceAmounts;
  readonly observedAt: Date;
  readonly traceId: string;
  readonly now: Date;
}

interface StateInMemory {
  raised: boolean;
  lastValue: string | null;
  observedAt: Date | null;
  changedAt: Date;
  touched: boolean;
}

/**
 * Checks new balances, in the order given, against the policy and writes an alert for each rule
 * that has just been crossed. The alert states are locked (`FOR UPDATE`) so two transactions
 * cannot both see "not raised" and fire twice; a balance older than the last one evaluated is
 * ignored, so a late retry cannot re-arm or re-fire a rule. A batch folds its balances in memory
 * one after the other, exactly as that many transactions in a row would, and writes each state
 * once and the fired alerts in one statement. Returns the fired alerts of each balance, in order.
 */
export async function applyBalanceAlerts(
  tx: StoreTransaction,
  balances: readonly BalanceToCheck[],
  policy: AlertPolicy,
): Promise<FiredAlert[][]> {
  const checked = balances.map((input) => ({ input, checks: checkBalanceAlerts(input.balance, policy) }));
  const kinds = [...new Set(checked.flatMap(({ checks }) => checks.map((check) => check.kind)))].sort();
  const fired: FiredAlert[][] = balances.map(() => []);
  if (kinds.length === 0) return fired;
  const first = balances[0];
  if (first === undefined) return fired;
  await tx
    .insert(alertStates)
    .values(kinds.map((kind) => ({ kind, raised: false, changedAt: first.now })))
    .onConflictDoNothing({ target: alertStates.kind });
  const rows = await tx.select().from(alertStates).where(inArray(alertStates.kind, kinds)).for('update');
  const states = new Map<string, StateInMemory>(rows.map((row) => [row.kind, { ...row, touched: false }]));
  const written: (FiredAlert & { createdAt: Date })[] = [];
  checked.forEach(({ input, checks }, index) => {
    for (const check of checks) {
      const state = states.get(check.kind);
      if (state === undefined) throw new Error(`alert state ${check.kind} was inserted but could not be read back`);
      if (state.observedAt && state.observedAt > input.observedAt) continue;
      const next = nextAlertState(state.raised, check.breached);
      if (next.raised !== state.raised) state.changedAt = input.now;
      state.raised = next.raised;
      state.lastValue = check.value.toFixed();
      state.observedAt = input.observedAt;
      state.touched = true;
      if (!next.fire) continue;
      const alert = {
        kind: check.kind,
        message: check.message,
        value: check.value.toFixed(),
        threshold: check.threshold.toFixed(),
        traceId: input.traceId,
      };
      written.push({ ...alert, createdAt: input.now });
      fired[index]?.push(alert);
    }
  });
  for (const [kind, state] of states) {
    if (!state.touched) continue;
    const { raised, lastValue, observedAt, changedAt } = state;
    await tx
      .update(alertStates)
      .set({ raised, lastValue, observedAt, changedAt })
      .where(sql`${alertStates.kind} = ${kind}`);
  }
  if (written.length > 0) await tx.insert(alerts).values(written);
  return fired;
}
