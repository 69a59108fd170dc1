import { OrderFollowUpTimeoutError } from '../../exchange/followUp/index.ts';
import type { Order } from '../../exchange/port/types.ts';
import type { Dec } from '../../platform/decimal/index.ts';
import { UnknownOutcomeError } from '../../platform/errors/exchangeErrors.ts';
import { closeClientOrderId } from './clientOrderIds.ts';
import { closingSideOf, splitClose } from './closeOrders.ts';
import { type ExecutionContext, UNKNOWN_OUTCOME_WAIT_MS } from './context.ts';
import type { OrderRole } from './orderRoles.ts';
import type { ClosePart, Closing, PositionRecord } from './records.ts';
import { partialFirstTarget, type SizeRules, targetSizes, WHOLE_CONTRACTS } from './tradePlan.ts';

import type { CloseReason } from './triggers.ts';

/** Where the closer hands the venue's answers: `PositionClosure`. */
export interface CloserHost {
  applyClose(position: PositionRecord, order: Order): void;
  partRefused(position: PositionRecord, part: ClosePart, error: unknown): void;
}

/**
 * Sends close attempts: reduce-only market orders for a reason, the whole position or a target's
 * part of it, split above the market maximum, each with its client order id (`<base>c<n>`,
 * `<base>c<n>p<k>`), and follows each part until the venue says it is final. `position.closing`
 * is set before the submits and persisted behind them (decision 0008): it is the guard against a
 * second close.
 */
export class PositionCloser {
  readonly #context: ExecutionContext;
  readonly #host: CloserHost;
  readonly #byCloseId = new Map<string, string>();

  constructor(context: ExecutionContext, host: CloserHost) {
    this.#context = context;
    this.#host = host;
  }

  /** The request id of the position one of our closes belongs to. */
  positionOf(clientOrderId: string): string | undefined {
    return this.#byCloseId.get(clientOrderId);
  }

  track(position: PositionRecord): void {
    for (const part of position.closing?.parts ?? []) this.#byCloseId.set(part.clientOrderId, position.id);
  }

  untrack(position: PositionRecord): void {
    for (const [clientOrderId, id] of this.#byCloseId) if (id === position.id) this.#byCloseId.delete(clientOrderId);
  }

  /** Hot path: every part is handed to the exchange before anything else runs. */
  close(position: PositionRecord, reason: CloseReason, size: Dec, target?: Closing['target']): void {
    position.closeAttempt += 1;
    const attempt = position.closeAttempt;
    const sizes = splitClose(size, this.#context.contracts.get(position.symbol)?.maxMarketSize);
    const parts = sizes.map((partSize, index) => this.#part(position, attempt, index + 1, partSize, target));
    const now = this.#context.clock.now();
    const closing: Closing = { reason, attempt, target, parts, sentAt: now, settled: false };
    position.closing = closing;
    const side = closingSideOf(position.side);
    // Before the requests: a venue in process fills a market order, and signals it, within the call.
    this.#rememberRoles(position, closing);
    const sent = parts.map((part) => {
      this.#byCloseId.set(part.clientOrderId, position.id);
      const request = { symbol: position.symbol, clientOrderId: part.clientOrderId, side, type: 'market' as const };
      return this.#context.exchange.submitOrder({ ...request, size: part.size });
    });
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
          else this.#host.partRefused(position, part, error);
        },
      );
    });
  }

  /**
   * A close the store does not name yet (sent, then a crash before the write): its first part is
   * looked for by the next attempt's client order ids, a whole close's and TP1's. A whole close's
   * reason is not known.
   */
  async findUnrecordedAttempt(position: PositionRecord): Promise<Closing | undefined> {
    const attempt = position.closeAttempt + 1;
    const { exchange } = this.#context;
    const base = position.clientOrderIdBase;
    const lookFor = (target?: number) =>
      exchange.order({ symbol: position.symbol, clientOrderId: closeClientOrderId(base, attempt, 1, target) });
    const contract = this.#context.contracts.get(position.symbol);
    const targetSize = firstTargetSize(position, contract ?? WHOLE_CONTRACTS);
    const whole = await lookFor();
    const first = whole ?? (targetSize ? await lookFor(1) : undefined);
    if (!first || position.closing) return position.closing;
    const target = !whole && targetSize ? { number: 1, size: targetSize } : undefined;
    const sizes = splitClose(target?.size ?? position.size, contract?.maxMarketSize);
    const parts = sizes.map((size, index) => this.#part(position, attempt, index + 1, size, target));
    position.closeAttempt = attempt;
    const reason = target ? 'take_profit' : 'stop_loss';
    const closing: Closing = { reason, attempt, target, parts, sentAt: undefined, settled: false };
    position.closing = closing;
    for (const part of parts) this.#byCloseId.set(part.clientOrderId, position.id);
    this.#context.persist();
    this.#context.logger.warn(
      { id: position.id, attempt },
      'found a close the store did not record; its reason is unknown',
    );
    return closing;
  }

  #part(position: PositionRecord, attempt: number, index: number, size: Dec, target: Closing['target']): ClosePart {
    const clientOrderId = closeClientOrderId(position.clientOrderIdBase, attempt, index, target?.number);
    return { clientOrderId, size, orderId: undefined, outcome: undefined };
  }

  #rememberRoles(position: PositionRecord, closing: Closing): void {
    const role = closeRoleOf(position, closing, this.#context.contracts.get(position.symbol) ?? WHOLE_CONTRACTS);
    for (const part of closing.parts) this.#context.store.roles.remember(part.clientOrderId, role);
  }

  /** Waits for the part to be final (a market order is, within moments) and applies it. */
  #followPart(position: PositionRecord, part: ClosePart): void {
    const ref = { symbol: position.symbol, clientOrderId: part.clientOrderId };
    this.#context.followUp.awaitOrder(ref, { until: 'final', timeoutMs: UNKNOWN_OUTCOME_WAIT_MS }).then(
      (order) => this.#host.applyClose(position, order),
      (error: unknown) => {
        const neverPlaced = error instanceof OrderFollowUpTimeoutError && error.lastSeen === undefined;
        if (neverPlaced) this.#host.partRefused(position, part, error);
        else this.#context.logger.error({ err: error, id: position.id }, 'close order state unknown, will check again');
      },
    );
  }
}

/** TP1's part of the position at its filled size, while TP1 is open and closes only part of it. */
function firstTargetSize(position: PositionRecord, contract: SizeRules): Dec | undefined {
  const { entryFilled, targets, targetsFilled } = position.management;
  if (targetsFilled > 0) return undefined;
  const size = partialFirstTarget(targetSizes(entryFilled, targets, contract));
  return size && (size.lt(position.size) ? size : position.size);
}

/**
 * What a close is to the order signals: a stop (moved or not) is STOP_LOSS, a target TAKE_PROFIT
 * with its number (a whole close on a target is the last one's, or TP1's while TP1 takes
 * everything), the time stop and a close asked through the control API CLOSE.
 */
function closeRoleOf(position: PositionRecord, closing: Closing, contract: SizeRules): OrderRole {
  const link = {
    requestId: position.id,
    ...(position.entryClientOrderId && { parentClientOrderId: position.entryClientOrderId }),
  };
  switch (closing.reason) {
    case 'stop_loss':
    case 'trailing':
      return { kind: 'STOP_LOSS', ...link };
    case 'take_profit': {
      const { targets, targetsFilled } = position.management;
      const allOnFirst = targetsFilled === 0 && !firstTargetSize(position, contract);
      const target = closing.target?.number ?? (allOnFirst ? 1 : Math.max(1, targets.length));
      return { kind: 'TAKE_PROFIT', ...link, target };
    }
    case 'time_stop':
    case 'manual':
      return { kind: 'CLOSE', ...link };
  }
}
