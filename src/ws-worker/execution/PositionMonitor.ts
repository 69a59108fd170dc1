import type { Order, Position } from '../../exchange/port/types.ts';
import { type Dec, ZERO } from '../../platform/decimal/index.ts';
import { CloseRecovery } from './CloseRecovery.ts';
import { type ExecutionContext, MAX_CLOSE_FAILURES, UNKNOWN_OUTCOME_WAIT_MS } from './context.ts';
import type { Replacement } from './ExchangeProtections.ts';
import { PositionCloser } from './PositionCloser.ts';
import { PositionClosure } from './PositionClosure.ts';
import type { ReplacementLevels } from './protectionReplacement.ts';
import type { Closing, EntryRecord, PositionRecord } from './records.ts';
import { managementOf } from './requestManagement.ts';
import { TradeManager } from './TradeManager.ts';
import { type CloseReason, protectionReached } from './triggers.ts';

/** What the positions need of the entries: a close stops the entry order still working, if any. */
export interface EntryControl {
  stopEntry(id: string): void;
}

/**
 * The SL/TP monitor, event-driven: every price event of a symbol checks its positions (the stop
 * first, then the last target, then TP1 of two) and a reached level sends a reduce-only market
 * close synchronously from that event (`PositionCloser`). `position.closing` is the idempotency
 * guard: set before the submits, persisted with the record, cleared only once the attempt is
 * settled (`PositionClosure`), so a second trigger (another tick, a restart) never sends a second
 * close. Targets, trailing, the time stop and the exchange-side orders are the `TradeManager`'s.
 */
export class PositionMonitor {
  readonly #context: ExecutionContext;
  readonly #entries: EntryControl;
  readonly #closer: PositionCloser;
  readonly #closure: PositionClosure;
  readonly #recovery: CloseRecovery;
  readonly #trades: TradeManager;
  readonly #bySymbol = new Map<string, Set<string>>();
  readonly #checkingFlat = new Set<string>();

  constructor(context: ExecutionContext, entries: EntryControl) {
    this.#context = context;
    this.#entries = entries;
    const close = (position: PositionRecord, reason: CloseReason, size: Dec, target?: Closing['target']) =>
      this.#close(position, reason, size, target);
    this.#closure = new PositionClosure(context, {
      close,
      targetFilled: (position, closing) => this.#targetFilled(position, closing),
      recover: (position, closing, refusals) => void this.#recovery.recover(position, closing, refusals),
      untrack: (position) => this.#untrack(position),
    });
    this.#closer = new PositionCloser(context, {
      applyClose: (position, order) => this.#closure.applyClose(position, order),
      partRefused: (position, part, error) => this.#closure.partRefused(position, part, error),
    });
    const isOurClose = (clientOrderId: string) => this.#closer.positionOf(clientOrderId) !== undefined;
    this.#recovery = new CloseRecovery(context, {
      close,
      reportClosedByExchange: (position) => this.#closure.reportClosedByExchange(position),
      isOurClose,
    });
    this.#trades = new TradeManager(context, { close, isOurClose });
  }

  track(position: PositionRecord): void {
    let ids = this.#bySymbol.get(position.symbol);
    if (!ids) {
      ids = new Set();
      this.#bySymbol.set(position.symbol, ids);
    }
    ids.add(position.id);
    this.#closer.track(position);
    this.#trades.track(position);
  }

  /** The entry order filled (in part or whole): the request becomes (or grows) a monitored position. */
  adoptFill(entry: EntryRecord, order: Order): void {
    const { store, clock } = this.#context;
    const existing = store.positions.get(entry.id);
    if (existing) {
      const { management } = existing;
      const more = order.filledSize.sub(management.entryFilled);
      if (more.gt(0)) {
        existing.size = existing.size.add(more);
        management.entryFilled = order.filledSize;
      }
      if (order.averageFillPrice) existing.entryPrice = order.averageFillPrice;
      if (more.gt(0)) this.#trades.afterFill(existing);
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
        createdAt: clock.now(),
        closeAttempt: 0,
        closing: undefined,
        closeFailures: 0,
        closed: { size: ZERO, value: ZERO },
        management: managementOf(entry, clock.now()),
      };
      position.management.entryFilled = order.filledSize;
      store.positions.set(entry.id, position);
      this.track(position);
      this.#trades.afterFill(position);
    }
    this.#context.persist();
  }

  /** New stop and targets for a monitored position (`POST /api/positions/:id/protections`). */
  replaceProtections(position: PositionRecord, levels: ReplacementLevels): Promise<Replacement> {
    return this.#trades.replaceProtections(position, levels);
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
      this.#trades.trail(position, price);
      const levels = { stopLoss: position.stopLoss, takeProfit: this.#trades.finalTarget(position) };
      const reached = protectionReached(position.side, price, levels, slippage);
      if (reached) {
        const moved = reached === 'stop_loss' && position.management.stopMoved;
        this.#close(position, moved ? 'trailing' : reached, position.size);
        continue;
      }
      this.#trades.checkFirstTarget(position, price, slippage);
    }
  }

  /**
   * A person asked to close the position (the control API): the whole remaining size at market,
   * reason `manual`, through the same path and guard as a stop. False when a close is already in
   * flight: nothing more is sent.
   */
  closeManually(position: PositionRecord): boolean {
    if (position.closing || this.#context.store.positions.get(position.id) !== position) return false;
    this.#close(position, 'manual', position.size);
    return true;
  }

  /** An order event of the account; true when it was one of our closes. */
  onOrder(order: Order): boolean {
    const id = this.#closer.positionOf(order.clientOrderId);
    const position = id === undefined ? undefined : this.#context.store.positions.get(id);
    if (position) {
      this.#closure.applyClose(position, order);
      return true;
    }
    // A close the venue made (TP1's order firing, most likely): the venue is read.
    if (order.filledSize.gt(0)) {
      for (const monitored of this.#context.store.positions.values()) {
        const closes = order.side === (monitored.side === 'long' ? 'close_long' : 'close_short');
        if (closes && monitored.symbol === order.symbol && !monitored.closing) this.#trades.venueClosed(monitored);
      }
    }
    return false;
  }

  /** The account's open positions: a monitored one missing from the list may have been closed by the venue. */
  onPositions(open: readonly Position[]): void {
    for (const position of this.#context.store.positions.values()) {
      if (position.closing || this.#checkingFlat.has(position.id)) continue;
      const held = open.find((item) => item.symbol === position.symbol && item.side === position.side);
      if (!held) void this.checkFlat(position);
      else if (held.size.lt(position.size)) this.#trades.venueClosed(position);
    }
  }

  /**
   * Confirms over REST that the position is gone before reporting it (a push may be older than the
   * fill that opened it), then reports it closed by the exchange.
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

  /**
   * Start-up and periodic check: resolves the attempt in flight (a part the venue still does not
   * know once its visibility window has passed never reached it), or finds an attempt the file
   * does not name yet (sent, then a crash before the write), or sees the position gone; then the
   * exchange-side protections (`TradeManager.reconcile`).
   */
  async reconcile(position: PositionRecord): Promise<void> {
    const closing = position.closing ?? (await this.#closer.findUnrecordedAttempt(position));
    if (!closing) {
      await this.checkFlat(position);
      if (this.#context.store.positions.get(position.id) === position) await this.#trades.reconcile(position);
      return;
    }
    if (closing.parts.every((part) => part.outcome)) {
      // Settled before a restart, its recovery cut short: run it again.
      this.#closure.settle(position, closing);
      return;
    }
    const now = this.#context.clock.now();
    closing.sentAt ??= now; // a file from before `sentAt`: the window starts now
    for (const part of closing.parts) {
      if (part.outcome) continue;
      const order = await this.#context.exchange.order({ symbol: position.symbol, clientOrderId: part.clientOrderId });
      if (order) this.#closure.applyClose(position, order);
      else if (now - closing.sentAt >= UNKNOWN_OUTCOME_WAIT_MS)
        this.#closure.partRefused(position, part, new Error('the close never reached the venue'));
    }
  }

  /** Every close goes here: sent at once; then the entry order still working, if any, is stopped. */
  #close(position: PositionRecord, reason: CloseReason, size: Dec, target?: Closing['target']): void {
    this.#closer.close(position, reason, size, target);
    // A position being closed does not grow: more fills would be left without their close.
    this.#entries.stopEntry(position.id);
  }

  #targetFilled(position: PositionRecord, closing: Closing): void {
    const { targetClosed } = position.management;
    const orderId = closing.parts.find((part) => part.orderId !== undefined)?.orderId ?? '';
    const price = targetClosed.size.gt(0) ? targetClosed.value.div(targetClosed.size) : undefined;
    this.#trades.targetFilled(position, { orderId, price, size: targetClosed.size });
  }

  #untrack(position: PositionRecord): void {
    this.#bySymbol.get(position.symbol)?.delete(position.id);
    this.#closer.untrack(position);
    this.#trades.untrack(position);
    this.#entries.stopEntry(position.id);
  }
}
