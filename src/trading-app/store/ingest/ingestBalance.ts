import type { BalanceSignal } from '../../../contracts/signals/balanceSignal.ts';
import type { AlertPolicy, IngestOutcome } from '../../TradingAppServices.ts';
import type { StoreTransaction } from '../executor.ts';
import { balanceSnapshots } from '../schema.ts';
import { applyBalanceAlerts, type FiredAlert } from './balanceAlertStates.ts';
import { recordSignals } from './recordDelivery.ts';

export interface BalanceIngestResult {
  readonly outcome: IngestOutcome;
  readonly fired: readonly FiredAlert[];
}

/** One balance delivery: the signal, when it arrived, and when its ingest started. */
export interface BalanceDelivery {
  readonly signal: BalanceSignal;
  readonly receivedAt: Date;
  readonly now: Date;
}

/**
 * Signal rows, snapshots, then alerts: all in the caller's transaction, each step one statement
 * for the whole batch (a batch of one is the single ingest). Results are in the batch's order.
 */
export async function ingestBalancesIn(
  tx: StoreTransaction,
  batch: readonly BalanceDelivery[],
  policy: AlertPolicy,
): Promise<BalanceIngestResult[]> {
  if (batch.length === 0) return [];
  const outcomes = await recordSignals(
    tx,
    batch.map(({ signal, receivedAt }) => ({ traceId: signal.trace_id, kind: 'balance', payload: signal, receivedAt })),
  );
  const stored = batch.flatMap((delivery, index) => {
    const outcome = outcomes[index];
    return outcome?.status === 'stored' ? [{ ...delivery, index, signalId: Number(outcome.id) }] : [];
  });
  const fired: FiredAlert[][] = batch.map(() => []);
  if (stored.length > 0) {
    await tx.insert(balanceSnapshots).values(
      stored.map(({ signal, receivedAt, signalId }) => ({
        signalId,
        traceId: signal.trace_id,
        asset: signal.asset,
        availableBalance: signal.available_balance,
        frozenBalance: signal.frozen_balance,
        equity: signal.equity,
        unrealizedPnl: signal.unrealized_pnl ?? null,
        positionDeposit: signal.position_deposit ?? null,
        bonus: signal.bonus ?? null,
        observedAt: new Date(signal.timestamp),
        receivedAt,
      })),
    );
    const alertsOfStored = await applyBalanceAlerts(
      tx,
      stored.map(({ signal, now }) => ({
        balance: signal,
        observedAt: new Date(signal.timestamp),
        traceId: signal.trace_id,
        now,
      })),
      policy,
    );
    stored.forEach(({ index }, position) => {
      fired[index] = alertsOfStored[position] ?? [];
    });
  }
  return batch.map((_, index) => {
    const outcome = outcomes[index];
    if (outcome === undefined) throw new Error(`balance ${index} of the batch has no outcome`);
    return { outcome, fired: fired[index] ?? [] };
  });
}
