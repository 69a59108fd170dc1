import type { BalanceSignal } from '../../../contracts/signals/balanceSignal.ts';
import type { OrderCallback } from '../../../contracts/signals/orderCallback.ts';
import type { OrderSignal } from '../../../contracts/signals/orderSignal.ts';
import type { PositionAlert } from '../../domain/positionAlerts.ts';
import type { AlertPolicy, IngestOutcome } from '../../TradingAppServices.ts';
import type { StoreTransaction } from '../executor.ts';
import type { FiredAlert } from './balanceAlertStates.ts';
import { ingestBalancesIn } from './ingestBalance.ts';
import { ingestCallbackIn } from './ingestCallback.ts';
import { ingestOrderIn } from './ingestOrder.ts';

/** One delivery to ingest: the signal, when it arrived, and when its ingest was asked for. */
export type Delivery =
  | { readonly kind: 'balance'; readonly signal: BalanceSignal; readonly receivedAt: Date; readonly now: Date }
  | { readonly kind: 'order'; readonly signal: OrderSignal; readonly receivedAt: Date; readonly now: Date }
  | { readonly kind: 'callback'; readonly callback: OrderCallback; readonly receivedAt: Date; readonly now: Date };

/** What one delivery did: stored or duplicate, and the alerts to log once the batch committed. */
export interface DeliveryResult {
  readonly outcome: IngestOutcome;
  readonly balanceAlerts: readonly FiredAlert[];
  readonly positionAlerts: readonly PositionAlert[];
}

/**
 * A batch of deliveries in the caller's transaction, results in the batch's order. Balances go
 * first and together (a few statements for all of them); orders and callbacks follow one by one
 * in arrival order, each as its own ingest would write it. Deliveries that arrive at the same
 * time have no order between them, so putting the balances first changes no outcome.
 */
export async function ingestBatchIn(
  tx: StoreTransaction,
  batch: readonly Delivery[],
  policy: AlertPolicy,
): Promise<DeliveryResult[]> {
  const results: (DeliveryResult | undefined)[] = batch.map(() => undefined);
  const balances = batch.flatMap((delivery, index) => (delivery.kind === 'balance' ? [{ ...delivery, index }] : []));
  const balanceResults = await ingestBalancesIn(tx, balances, policy);
  balances.forEach(({ index }, position) => {
    const result = balanceResults[position];
    if (result) results[index] = { outcome: result.outcome, balanceAlerts: result.fired, positionAlerts: [] };
  });
  for (const [index, delivery] of batch.entries()) {
    if (delivery.kind === 'order') {
      const outcome = await ingestOrderIn(tx, delivery.signal, delivery.receivedAt, delivery.now);
      results[index] = { outcome, balanceAlerts: [], positionAlerts: [] };
    } else if (delivery.kind === 'callback') {
      const { outcome, fired } = await ingestCallbackIn(tx, delivery.callback, delivery.receivedAt, delivery.now);
      results[index] = { outcome, balanceAlerts: [], positionAlerts: fired };
    }
  }
  return results.map((result, index) => {
    if (result === undefined) throw new Error(`delivery ${index} of the batch has no result`);
    return result;
  });
}
