import { OrderFollowUpTimeoutError } from '../../exchange/followUp/index.ts';
import type { Order, Position } from '../../exchange/port/types.ts';
import { type Dec, ZERO } from '../../platform/decimal/index.ts';
import { UnknownOutcomeError } from '../../platform/errors/exchangeErrors.ts';
import { CloseRecovery } from './CloseRecovery.ts';
import { closeClientOrderId } from './clientOrderIds.ts';
import { closingSideOf, splitClose } from './closeOrders.ts';
import { type ExecutionContext, MAX_CLOSE_FAILURES, UNKNOWN_OUTCOME_WAIT_MS } from './context.ts';
import { PositionClosure } from './PositionClosure.ts';
import type { ClosePart, Closing, EntryRecord, PositionRecord } from './records.ts';
import { type CloseReason, protectionReached } from './triggers.ts';

/**
 * The SL/TP monitor, event-driven: every price event of a symbol checks its positions (SL before
 * TP) and a reached protection sends a reduce-only market close synchronously from that event,
 * split above the market maximum. `position.closing` is the idempotency guard: set before the
 * submits, persisted with the record, cleared only once the attempt is settled, so a second
 * trigger (another tick, a restart) never sends a second close. The exchange-side presets stay as
 * the safety net.
 */
export class PositionMonitor {
  readonly #context: ExecutionContext;
  readonly #closure: PositionClosure;
  readonly #recovery: CloseRecovery;
  readonly #bySymbol = new Map<string, Set<string>>();
  readonly #byCloseId = new Map<string, string>();
  readonly #checkingFlat = new Set<string>();

  constructor(context: ExecutionContext) {
    this.#context = context;
    this.#closure = new PositionClosure(context, {
      close: (position, reason) => this.#close(position, reason, position.size),
      recover: (position, closing, refusals) => void this.#recovery.recover(position, closing, refusals),
      untrack: (position) => this.#untrack(position),
    });
    this.#recovery = new CloseRecovery(context, {
      close: (position, reason, size) => this.#close(position, reason, size),
      reportClosedByExchange: (position) => this.#closure.reportClosedByExchange(position),
      isOurClose: (clientOrderId) => this.#byCloseId.has(clientOrderId),
    });
  }

  track(position: PositionRecord): void {
    let ids = this.#bySymbol.get(position.symbol);
    if (!ids) {
      ids = new Set();
      this.#bySymbol.set(position.symbol, ids);
    }
    ids.add(position.id);
    for (const part of position.closing?.parts ?? []) this.#byCloseId.set(part.clientOrderId, position.id);
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
        closed: { size: ZERO, value: ZERO },
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
      if (reason) this.#close(position, reason, position.size);
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

  /**
   * Start-up and periodic check: resolves the attempt in flight (a part the venue still does not
   * know once its visibility window has passed never reached it), or finds an attempt the file
   * does not name yet (sent, then a crash before the write), or sees the position gone.
   */
  async reconcile(position: PositionRecord): Promise<void> {
    const closing = position.closing ?? (await this.#findUnrecordedAttempt(position));
    if (!closing) {
      await this.checkFlat(position);
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

  async #findUnrecordedAttempt(position: PositionRecord): Promise<Closing | undefined> {
    const attempt = position.closeAttempt + 1;
    const ref = { symbol: position.symbol, clientOrderId: closeClientOrderId(position.clientOrderIdBase, attempt) };
    const first = await this.#context.exchange.order(ref);
    if (!first || position.closing) return position.closing;
    const sizes = splitClose(position.size, this.#context.contracts.get(position.symbol)?.maxMarketSize);
    const parts = sizes.map((size, index) => this.#part(position, attempt, index + 1, size));
    position.closeAttempt = attempt;
    position.closing = { reason: 'stop_loss', attempt, parts, sentAt: undefined, settled: false };
    for (const part of parts) this.#byCloseId.set(part.clientOrderId, position.id);
    this.#context.persist();
    this.#context.logger.warn(
      { id: position.id, attempt },
      'found a close the store did not record; its reason is unknown',
    );
    return position.closing;
  }

  #part(position: PositionRecord, attempt: number, index: number, size: Dec): ClosePart {
    const clientOrderId = closeClientOrderId(position.clientOrderIdBase, attempt, index);
    return { clientOrderId, size, orderId: undefined, outcome: undefined };
  }

  /** Hot path: every part is handed to the exchange before anything else runs. */
  #close(position: PositionRecord, reason: CloseReason, size: Dec): void {
    position.closeAttempt += 1;
    const attempt = position.closeAttempt;
    const sizes = splitClose(size, this.#context.contracts.get(position.symbol)?.maxMarketSize);
    const parts = sizes.map((partSize, index) => this.#part(position, attempt, index + 1, partSize));
    const closing: Closing = { reason, attempt, parts, sentAt: this.#context.clock.now(), settled: false };
    position.closing = closing;
    const side = closingSideOf(position.side);
    const sent = parts.map((part) => {
      this.#byCloseId.set(part.clientOrderId, position.id);
      const request = { symbol: position.symbol, clientOrderId: part.clientOrderId, side, type: 'market' as const };
      return this.#context.exchange.submitOrder({ ...request, size: part.size });
    });
    this.#rememberRoles(position, closing);
    // The snapshot and the log line wait until the close is written (`closing` already guards it).
    this.#context.afterSend(() => {
      this.#context.persist();
      this.#context.logger.info({ id: position.id, reason, attempt, parts: parts.length }, 'closing at market');
    });
    parts.forEach((part, index) => {
      sent[index]?.then(
        (ack) => {
          if (part.outcome) return;
          part.orderId = ack.orderId;
          this.#context.persist();
          this.#followPart(position, part);
        },
        (error: unknown) => {
          if (error instanceof UnknownOutcomeError) this.#followPart(position, part);
          else this.#closure.partRefused(position, part, error);
        },
      );
    });
  }

  #rememberRoles(position: PositionRecord, closing: Closing): void {
    const role = {
      kind: closing.reason === 'stop_loss' ? ('STOP_LOSS' as const) : ('TAKE_PROFIT' as const),
      requestId: position.id,
      ...(position.entryClientOrderId && { parentClientOrderId: position.entryClientOrderId }),
    };
    for (const part of closing.parts) this.#context.store.roles.remember(part.clientOrderId, role);
  }

  /** Waits for the part to be final (a market order is, within moments) and applies it. */
  #followPart(position: PositionRecord, part: ClosePart): void {
    const ref = { symbol: position.symbol, clientOrderId: part.clientOrderId };
    this.#context.followUp.awaitOrder(ref, { until: 'final', timeoutMs: UNKNOWN_OUTCOME_WAIT_MS }).then(
      (order) => this.#closure.applyClose(position, order),
      (error: unknown) => {
        const neverPlaced = error instanceof OrderFollowUpTimeoutError && error.lastSeen === undefined;
        if (neverPlaced) this.#closure.partRefused(position, part, error);
        else this.#context.logger.error({ err: error, id: position.id }, 'close order state unknown, will check again');
      },
    );
  }

  #untrack(position: PositionRecord): void {
    this.#bySymbol.get(position.symbol)?.delete(position.id);
    for (const [clientOrderId, id] of this.#byCloseId) if (id === position.id) this.#byCloseId.delete(clientOrderId);
  }
}
