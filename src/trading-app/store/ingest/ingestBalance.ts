import type { BalanceSignal } from '../../../contracts/signals/balanceSignal.ts';
import type { AlertPolicy, IngestOutcome } from '../../TradingAppServices.ts';
import type { StoreTransaction } from '../executor.ts';
import { balanceSnapshots } from '../schema.ts';
import { applyBalanceAlerts, type FiredAlert } from './balanceAlertStates.ts';
import { recordSignal } from './recordDelivery.ts';

export interface BalanceIngestResult {
  readonly outcome: IngestOutcome;
  readonly fired: readonly FiredAlert[];
}

/** Signal row, snapshot, then alerts: all in the caller's transaction. */
export async function ingestBalanceIn(
  tx: StoreTransaction,
  signal: BalanceSignal,
  receivedAt: Date,
  context: { policy: AlertPolicy; now: Date },
): Promise<BalanceIngestResult> {
  const outcome = await recordSignal(tx, { traceId: signal.trace_id, kind: 'balance', payload: signal, receivedAt });
  if (outcome.status === 'duplicate') return { outcome, fired: [] };
  const observedAt = new Date(signal.timestamp);
  await tx.insert(balanceSnapshots).values({
    signalId: Number(outcome.id),
    traceId: signal.trace_id,
    asset: signal.asset,
    availableBalance: signal.available_balance,
    frozenBalance: signal.frozen_balance,
    equity: signal.equity,
    unrealizedPnl: signal.unrealized_pnl ?? null,
    positionDeposit: signal.position_deposit ?? null,
    bonus: signal.bonus ?? null,
    observedAt,
    receivedAt,
  });
  const fired = await applyBalanceAlerts(tx, {
    balance: signal,
    observedAt,
    traceId: signal.trace_id,
    policy: context.policy,
    now: context.now,
  });
  return { outcome, fired };
}
