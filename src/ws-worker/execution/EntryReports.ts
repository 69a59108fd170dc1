import type { ExecutionContext } from './context.ts';
import type { EntryRecord } from './records.ts';

/**
 * The callbacks of an entry (docs/reference/seed-contracts.md#callbacks): `placed` once per entry order the venue took
 * (the trace id names the attempt from the second on), `timeout` and `failed` when the request ends without a
 * position.
 */
export class EntryReports {
  readonly #context: ExecutionContext;
  readonly #placed = new Set<string>();

  constructor(context: ExecutionContext) {
    this.#context = context;
  }

  /** The venue took the entry's current order (its ack, or a stream event showing it). */
  placed(entry: EntryRecord, orderId: string): void {
    const current = entry.order;
    if (!current || this.#placed.has(current.clientOrderId)) return;
    this.#placed.add(current.clientOrderId);
    const entryPrice = current.price ?? this.#context.quotes.get(entry.symbol)?.last;
    void this.#context.callbacks.send(
      entry,
      {
        status: 'placed',
        order_id: entry.id,
        exchange_order_id: orderId,
        entry_price: entryPrice?.toFixed() ?? '0',
        quantity: entry.quantity.toFixed(),
      },
      entry.attempt > 1 ? String(entry.attempt) : '',
    );
  }

  timedOut(entry: EntryRecord): void {
    this.#context.logger.info({ id: entry.id }, 'entry zone not reached within timeout');
    void this.#context.callbacks.send(entry, {
      status: 'timeout',
      order_id: entry.id,
      reason: 'Entry zone not reached within timeout',
    });
  }

  failed(entry: EntryRecord, error: string): void {
    void this.#context.callbacks.send(entry, { status: 'failed', order_id: entry.id, error });
  }
}
