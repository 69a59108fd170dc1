import type { Order, OrderRef } from '../port/types.ts';

/**
 * The order was not seen in the wanted state in time. Not a rejection: the order may exist (an
 * unknown outcome); `lastSeen` is the latest sighting, if any, and the caller reconciles.
 */
export class OrderFollowUpTimeoutError extends Error {
  override readonly name = 'OrderFollowUpTimeoutError';

  constructor(
    readonly ref: OrderRef,
    readonly until: 'known' | 'final',
    readonly waitedMs: number,
    readonly lastSeen: Order | undefined,
  ) {
    const id = ref.orderId !== undefined ? `order ${ref.orderId}` : `client order ${ref.clientOrderId}`;
    const what = until === 'known' ? 'seen' : 'in a final state';
    super(`${id} on ${ref.symbol} was not ${what} within ${waitedMs} ms (last status: ${lastSeen?.status ?? 'none'})`);
  }
}

/** The follow-up was stopped while the caller was still waiting. */
export class OrderFollowUpStoppedError extends Error {
  override readonly name = 'OrderFollowUpStoppedError';

  constructor(readonly ref: OrderRef) {
    super(`order follow-up stopped while waiting for ${ref.orderId ?? ref.clientOrderId} on ${ref.symbol}`);
  }
}
