import { OrderFollowUpTimeoutError } from '../../exchange/followUp/index.ts';
import type { Order, Position } from '../../exchange/port/types.ts';
import type { Dec } from '../../platform/decimal/index.ts';
import { UnknownOutcomeError } from '../../platform/errors/exchangeErrors.ts';
import { closeClientOrderId } from './clientOrderIds.ts';
import { type ExecutionContext, MAX_CLOSE_FAILURES, UNKNOWN_OUTCOME_WAIT_MS } from './context.ts';
import { PositionClosure } from './PositionClosure.ts';
import type { EntryRecord, PositionRecord } from './records.ts';
import { type CloseReason, protectionReached } from './triggers.ts';

/**
 * The SL/TP monitor, event-driven: every price event of a symbol checks its positions (SL before
 * TP) and a reached protection sends a reduce-only market close synchronously from that event.
 * `position.closing` is the idempotency guard: set before the submit, persisted with the record,
 * cleared only when the close is known to have failed, so a second trigger (another tick, a
 * restart) never sends a second close. The exchange-side presets stay as the safety net.
 */
export class PositionMonitor {
  readonly #context: ExecutionContext;
  readonly #closure: PositionClosure;
  readonly #bySymbol = new Map<string, Set<string>>();
  readonly #byCloseId = new Map<string, string>();
  readonly #checkingFlat = new Set<string>();

  constructor(context: ExecutionContext) {
    this.#context = context;
    this.#closure = new PositionClosure(context, (position) => this.#untrack(position));
  }

  track(position: PositionRecord): void {
    let ids = this.#bySymbol.get(position.symbol);
    if (!ids) {
      ids = new Set();
      this.#bySymbol.set(position.symbol, ids);
    }
    ids.add(position.id);
    if (position.closing) this.#byCloseId.set(position.closing.clientOrderId, position.id);
  }

  /** The entry order filled (in part or whole): the request becomes (or grows) a monitored position. */
  adoptFill(entry: EntryRecord, order: Order): void {
    const { store } = this.#context;
    const existing = store.positions.get(entry.id);
    if (existing) {
      if (order.filledSize.gt(existing.size)) existing.size = order.filledSize;
      if (order.averageFillPrice) existing.entryPrice = order.averageFillPrice;
    } else {
      const position: PositionRecord = {
        id: entry.id,
        clientOrderIdBase: entry.clientOrderIdBase,
        symbol: entry.symbol,
        side: entry.side,
        size: order.filledSize,
        entryPrice: order.averageFillPrice ?? order.price ?? entry.zoneMin,
        stopLoss: entry.stopLoss,
        takeProfit: entry.takeProfit,
        callbackUrl: entry.callbackUrl,
        entryOrderId: order.orderId,
        entryClientOrderId: order.clientOrderId,
        createdAt: this.#context.clock.now(),
        closeAttempt: 0,
        closing: undefined,
        closeFailures: 0,
      };
      store.positions.set(entry.id, position);
      this.track(position);
    }
    this.#context.persist();
  }

  /** Hot path: the symbol's last price moved. */
  onPrice(symbol: string, price: Dec): void {
    const ids = this.#bySymbol.get(symbol);
    if (!ids) return;
    const { thresholds, store } = this.#context;
    const slippage = { stopLoss: thresholds.stopLossSlippage, takeProfit: thresholds.takeProfitSlippage };
    for (const id of ids) {
      const position = store.positions.get(id);
      if (!position || position.closing || position.closeFailures >= MAX_CLOSE_FAILURES) continue;
      const reason = protectionReached(position.side, price, position, slippage);
      if (reason) this.#close(position, reason);
    }
  }

  /** An order event of the account; true when it was one of our closes. */
  onOrder(order: Order): boolean {
    const id = this.#byCloseId.get(order.clientOrderId);
    const position = id === undefined ? undefined : this.#context.store.positions.get(id);
    if (!position) return false;
    this.#closure.applyClose(position, order);
    return true;
  }

  /** The account's open positions: a monitored one missing from the list may have been closed by the venue. */
  onPositions(open: readonly Position[]): void {
    for (const position of this.#context.store.positions.values()) {
      if (position.closing || this.#checkingFlat.has(position.id)) continue;
      const held = open.some((item) => item.symbol === position.symbol && item.side === position.side);
      if (!held) void this.checkFlat(position);
    }
  }

  /**
   * Confirms over REST that the position is gone before reporting it (a push may be older than the
   * fill that opened it), then reports it closed by the exchange (its preset TP/SL, most likely).
   */
  async checkFlat(position: PositionRecord): Promise<void> {
    if (this.#checkingFlat.has(position.id)) return;
    this.#checkingFlat.add(position.id);
    try {
      const held = await this.#context.exchange.positions(position.symbol);
      if (position.closing || this.#context.store.positions.get(position.id) !== position) return;
      if (held.some((item) => item.side === position.side)) return;
      await this.#closure.reportClosedByExchange(position);
    } catch (error) {
      this.#context.logger.warn({ err: error, id: position.id }, 'could not check whether the position is still open');
    } finally {
      this.#checkingFlat.delete(position.id);
    }
  }

  /** Start-up and periodic check: resolves a close in flight, or one the file does not name yet. */
  async reconcile(position: PositionRecord): Promise<void> {
    const { exchange } = this.#context;
    const candidate =
      position.closing?.clientOrderId ?? closeClientOrderId(position.clientOrderIdBase, position.closeAttempt + 1);
    const order = await exchange.order({ symbol: position.symbol, clientOrderId: candidate });
    if (order && !position.closing) {
      position.closeAttempt += 1;
      position.closing = { reason: 'stop_loss', clientOrderId: candidate, orderId: order.orderId };
      this.#byCloseId.set(candidate, position.id);
      this.#context.logger.warn({ id: position.id }, 'found a close the store did not record; its reason is unknown');
    }
    if (order) this.#closure.applyClose(position, order);
    else if (!position.closing) await this.checkFlat(position);
  }

  #close(position: PositionRecord, reason: CloseReason): void {
    position.closeAttempt += 1;
    const clientOrderId = closeClientOrderId(position.clientOrderIdBase, position.closeAttempt);
    position.closing = { reason, clientOrderId, orderId: undefined };
    this.#byCloseId.set(clientOrderId, position.id);
    const sent = this.#context.exchange.submitOrder({
      symbol: position.symbol,
      clientOrderId,
      side: position.side === 'long' ? 'close_long' : 'close_short',
      type: 'market',
      size: position.size,
    });
    // The snapshot and the log line wait until the close is written (`closing` already guards it).
    this.#context.afterSend(() => {
      this.#context.persist();
      this.#context.logger.info({ id: position.id, reason }, 'protection reached, closing at market');
    });
    sent.then(
      (ack) => {
        if (position.closing?.clientOrderId !== clientOrderId) return;
        position.closing.orderId = ack.orderId;
        this.#context.persist();
        this.#followClose(position, clientOrderId);
      },
      (error: unknown) => {
        if (error instanceof UnknownOutcomeError) this.#followClose(position, clientOrderId);
        else void this.#closure.closeFailed(position, clientOrderId, error);
      },
    );
  }

  /** Waits for the close to be final (a market order is, within moments) and applies it. */
  #followClose(position: PositionRecord, clientOrderId: string): void {
    const ref = { symbol: position.symbol, clientOrderId };
    this.#context.followUp.awaitOrder(ref, { until: 'final', timeoutMs: UNKNOWN_OUTCOME_WAIT_MS }).then(
      (order) => this.#closure.applyClose(position, order),
      (error: unknown) => {
        const neverPlaced = error instanceof OrderFollowUpTimeoutError && error.lastSeen === undefined;
        if (neverPlaced) void this.#closure.closeFailed(position, clientOrderId, error);
        else this.#context.logger.error({ err: error, id: position.id }, 'close order state unknown, will check again');
      },
    );
  }

  #untrack(position: PositionRecord): void {
    this.#bySymbol.get(position.symbol)?.delete(position.id);
    if (position.closing) this.#byCloseId.delete(position.closing.clientOrderId);
  }
}
