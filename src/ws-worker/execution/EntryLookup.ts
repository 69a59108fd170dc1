import { OrderFollowUpStoppedError, OrderFollowUpTimeoutError } from '../../exchange/followUp/index.ts';
import type { Order } from '../../exchange/port/types.ts';
import { entryClientOrderId } from './clientOrderIds.ts';
import { type ExecutionContext, UNKNOWN_OUTCOME_WAIT_MS } from './context.ts';
import type { EntryRecord } from './records.ts';

/** What the lookup needs from the entry monitor: its bookkeeping of orders out and their outcome. */
export interface EntryLookupHost {
  /** While in flight the entry sends nothing; the lookup holds it until the order is found or ruled out. */
  hold(entry: EntryRecord): boolean;
  release(entry: EntryRecord): void;
  /** An order of the entry that the store did not name yet (sent, then a crash before the write). */
  adopt(entry: EntryRecord, clientOrderId: string, order: Order): void;
  apply(entry: EntryRecord, order: Order): void;
  /** After the lookup: a timeout that fell meanwhile is carried out, a waiting entry is checked. */
  afterResolution(entry: EntryRecord, waitingAgain: boolean): void;
}

/**
 * Where an entry order the worker is unsure of stands: after a submit whose answer was lost, at
 * start-up and on the periodic check. The venue is asked by client order id, never re-sent
 * blindly. An order it does not know once its visibility window has passed (dated from `sentAt`)
 * never reached it: the entry waits for its zone again, and says so. The wait runs in the
 * background; nothing (start-up least of all) awaits it.
 */
export class EntryLookup {
  readonly #context: ExecutionContext;
  readonly #host: EntryLookupHost;

  constructor(context: ExecutionContext, host: EntryLookupHost) {
    this.#context = context;
    this.#host = host;
  }

  /**
   * Asks the venue where the entry stands. The attempt after the last recorded one is looked for
   * too: the hot path submits before it writes, so a crash in between leaves an order the file
   * does not name yet.
   */
  async reconcile(entry: EntryRecord, startUp: boolean): Promise<void> {
    if (!entry.order && !startUp) return;
    if (!this.#host.hold(entry)) return;
    if (!entry.order) {
      const next = entryClientOrderId(entry.clientOrderIdBase, entry.attempt + 1);
      const found = await this.#context.exchange
        .order({ symbol: entry.symbol, clientOrderId: next })
        .catch((error: unknown) => {
          this.#context.logger.warn({ err: error, id: entry.id }, 'could not look for an unrecorded entry order');
          return undefined;
        });
      if (found) this.#host.adopt(entry, next, found);
    }
    const order = entry.order;
    if (!order) {
      this.#host.release(entry);
      this.#host.afterResolution(entry, false);
      return;
    }
    await this.#resolve(entry, order.clientOrderId, order.sentAt);
  }

  /** The submit's answer was lost: the order may exist, so it is looked for, never placed again. */
  follow(entry: EntryRecord, clientOrderId: string): void {
    void this.#resolve(entry, clientOrderId, this.#context.clock.now());
  }

  async #resolve(entry: EntryRecord, clientOrderId: string, sentAt: number | undefined): Promise<void> {
    let waitingAgain = false;
    try {
      const order = await this.#locate(entry, clientOrderId, sentAt);
      this.#host.release(entry);
      if (order) this.#host.apply(entry, order);
      else waitingAgain = this.#neverPlaced(entry, clientOrderId, sentAt);
    } catch (error) {
      this.#host.release(entry);
      if (error instanceof OrderFollowUpStoppedError) return; // stopping: the next start looks again
      this.#context.logger.error(
        { err: error, id: entry.id, clientOrderId },
        'entry order state unknown, will check again',
      );
    } finally {
      this.#host.afterResolution(entry, waitingAgain);
    }
  }

  /** The order, or undefined once the venue's visibility window has passed without it. */
  async #locate(entry: EntryRecord, clientOrderId: string, sentAt: number | undefined): Promise<Order | undefined> {
    const ref = { symbol: entry.symbol, clientOrderId };
    const seen = await this.#context.exchange.order(ref);
    if (seen) return seen;
    const elapsed = sentAt === undefined ? 0 : Math.max(0, this.#context.clock.now() - sentAt);
    const remaining = UNKNOWN_OUTCOME_WAIT_MS - elapsed;
    if (remaining <= 0) return undefined;
    try {
      return await this.#context.followUp.awaitOrder(ref, { timeoutMs: remaining });
    } catch (error) {
      if (error instanceof OrderFollowUpTimeoutError && error.lastSeen === undefined) return undefined;
      throw error;
    }
  }

  #neverPlaced(entry: EntryRecord, clientOrderId: string, sentAt: number | undefined): boolean {
    if (entry.order?.clientOrderId !== clientOrderId) return false;
    entry.order = undefined;
    this.#context.persist();
    const since = sentAt === undefined ? 'an unknown time' : `${this.#context.clock.now() - sentAt} ms`;
    this.#context.logger.warn(
      { id: entry.id, clientOrderId, windowMs: UNKNOWN_OUTCOME_WAIT_MS },
      `entry order ${clientOrderId} is unknown to the venue ${since} after it was sent: it never reached it; the entry waits for its zone again`,
    );
    return true;
  }
}
