import type { SideClose } from '../../contracts/api/manualControls.ts';
import type { Order, PlanOrder, Position } from '../../exchange/port/types.ts';
import { type Dec, ZERO } from '../../platform/decimal/index.ts';
import { UnknownOutcomeError } from '../../platform/errors/exchangeErrors.ts';
import { manualCloseClientOrderId } from './clientOrderIds.ts';
import { closingSideOf, splitClose } from './closeOrders.ts';
import { type ExecutionContext, UNKNOWN_OUTCOME_WAIT_MS } from './context.ts';
import type { PositionRecord } from './records.ts';

/** What the control API answers: the view, or a refusal with its status (nothing was sent). */
export type ManualOutcome<T> =
  | { readonly ok: true; readonly view: T }
  | { readonly ok: false; readonly status: 404 | 409 | 502; readonly error: string };

export interface ClosedSymbol {
  readonly symbol: string;
  readonly closes: readonly SideClose[];
}

export interface CanceledOrder {
  readonly order_id: string;
  readonly symbol: string;
  readonly kind: 'order' | 'plan';
  readonly request_id: string | null;
}

/** What the manual controls need of the monitors: closes through the SL/TP monitor's own path. */
export interface ManualControlHost {
  /** False when a close of the position is already in flight. */
  closeManually(position: PositionRecord): boolean;
  /** Ends a waiting request: its live entry order is canceled and none is placed again. */
  stopEntry(id: string): void;
}

/** Answers remembered per request id, so a request sent again gets its first answer and sends nothing. */
const REMEMBERED_REQUESTS = 1_000;

/**
 * The dashboard's close, flatten and cancel, carried out by the worker that owns execution
 * (docs/decisions/0024-dashboard-api.md). A position the worker manages is closed by its SL/TP
 * monitor (`closing` is the one guard, so a stop and a person never both send a close); a position
 * it does not manage gets reduce-only market orders whose client order ids derive from the request
 * id. Either way a close only ever reduces: it can never open the other way.
 */
export class ManualControl {
  readonly #context: ExecutionContext;
  readonly #host: ManualControlHost;
  readonly #answers = new Map<string, { symbol: string; outcome: ManualOutcome<ClosedSymbol> }>();
  /** Unmanaged closes whose orders are not final yet, by `symbol:side`. */
  readonly #unmanagedInFlight = new Map<string, string[]>();
  /** One close request per symbol at a time: the second sees what the first sent. */
  readonly #bySymbol = new Map<string, Promise<unknown>>();

  constructor(context: ExecutionContext, host: ManualControlHost) {
    this.#context = context;
    this.#host = host;
  }

  /** Closes every position of `symbol` the exchange holds, at market. */
  closeSymbol(symbol: string, requestId: string): Promise<ManualOutcome<ClosedSymbol>> {
    const previous = this.#bySymbol.get(symbol) ?? Promise.resolve();
    const next = previous.then(() => this.#closeSymbol(symbol, requestId));
    const settled = next.catch(() => undefined);
    this.#bySymbol.set(symbol, settled);
    void settled.then(() => {
      if (this.#bySymbol.get(symbol) === settled) this.#bySymbol.delete(symbol);
    });
    return next;
  }

  async cancelOrder(symbol: string, orderId: string): Promise<ManualOutcome<CanceledOrder>> {
    const { exchange } = this.#context;
    try {
      const order = (await exchange.openOrders(symbol)).find((candidate) => candidate.orderId === orderId);
      if (order) return await this.#cancelRegular(order);
      const plan = (await exchange.planOrders(symbol)).find((candidate) => candidate.orderId === orderId);
      if (plan) return await this.#cancelPlan(plan);
    } catch (error) {
      return venueFailed(error);
    }
    return { ok: false, status: 404, error: `no open order ${orderId} of ${symbol} on the exchange` };
  }

  async #closeSymbol(symbol: string, requestId: string): Promise<ManualOutcome<ClosedSymbol>> {
    const answered = this.#answers.get(requestId);
    if (answered) {
      if (answered.symbol === symbol) return answered.outcome;
      return { ok: false, status: 409, error: `request id ${requestId} already closed ${answered.symbol}` };
    }
    let held: readonly Position[];
    try {
      held = await this.#context.exchange.positions(symbol);
    } catch (error) {
      return venueFailed(error);
    }
    if (held.length === 0) return { ok: false, status: 404, error: `no open position of ${symbol} on the exchange` };
    const closes: SideClose[] = [];
    try {
      for (const position of held) closes.push(...(await this.#closeSide(position, requestId)));
    } catch (error) {
      // What was sent before the failure is under way; the same request id finds it again.
      return venueFailed(error);
    }
    const outcome: ManualOutcome<ClosedSymbol> = { ok: true, view: { symbol, closes } };
    this.#remember(requestId, symbol, outcome);
    return outcome;
  }

  /** The side's managed records through their monitor, and what the exchange holds beyond them directly. */
  async #closeSide(held: Position, requestId: string): Promise<SideClose[]> {
    const { store, logger } = this.#context;
    const records = [...store.positions.values()].filter(
      (record) => record.symbol === held.symbol && record.side === held.side,
    );
    const closes: SideClose[] = records.map((record) => {
      const state = this.#host.closeManually(record) ? 'sent' : 'in_flight';
      return {
        side: held.side,
        size: record.size.toFixed(),
        state,
        managed: true,
        client_order_ids: record.closing?.parts.map((part) => part.clientOrderId) ?? [],
      };
    });
    const managedSize = records.reduce((sum, record) => sum.add(record.size), ZERO);
    const rest = held.size.sub(managedSize);
    if (rest.gt(0)) closes.push(await this.#closeUnmanaged(held, rest, requestId));
    logger.info({ symbol: held.symbol, side: held.side, requestId, closes }, 'manual close requested');
    return closes;
  }

  async #closeUnmanaged(held: Position, size: Dec, requestId: string): Promise<SideClose> {
    const { exchange, followUp, logger } = this.#context;
    const key = `${held.symbol}:${held.side}`;
    const view = (state: SideClose['state'], ids: string[]): SideClose => ({
      side: held.side,
      size: size.toFixed(),
      state,
      managed: false,
      client_order_ids: ids,
    });
    const inFlight = this.#unmanagedInFlight.get(key);
    if (inFlight) return view('in_flight', inFlight);
    const contract = this.#context.contracts.get(held.symbol) ?? (await this.#context.readContract(held.symbol));
    const parts = splitClose(size, contract?.maxMarketSize);
    const ids = parts.map((_, index) => manualCloseClientOrderId(requestId, held.symbol, held.side, index + 1));
    const first = ids[0] as string;
    // Sent before a restart the answers do not outlive: the venue knows the order by its id.
    if (await exchange.order({ symbol: held.symbol, clientOrderId: first })) return view('in_flight', ids);
    this.#unmanagedInFlight.set(key, ids);
    const side = closingSideOf(held.side);
    const acks = await Promise.allSettled(
      parts.map((part, index) =>
        exchange.submitOrder({
          symbol: held.symbol,
          clientOrderId: ids[index] as string,
          side,
          type: 'market',
          size: part,
        }),
      ),
    );
    const refused = (index: number) => {
      const ack = acks[index];
      return ack?.status === 'rejected' && !(ack.reason instanceof UnknownOutcomeError) ? ack.reason : undefined;
    };
    // The parts the venue may hold are followed until final: a second request meanwhile finds the close in flight.
    const follows = ids.flatMap((clientOrderId, index) =>
      refused(index) === undefined
        ? [
            followUp.awaitOrder(
              { symbol: held.symbol, clientOrderId },
              { until: 'final', timeoutMs: UNKNOWN_OUTCOME_WAIT_MS },
            ),
          ]
        : [],
    );
    void Promise.allSettled(follows).then(() => this.#unmanagedInFlight.delete(key));
    if (follows.length === 0) {
      const error = ids.map((_, index) => messageOf(refused(index))).join('; ');
      logger.warn({ key, error }, 'manual close refused by the exchange');
      return { ...view('refused', ids), error };
    }
    return view('sent', ids);
  }

  async #cancelRegular(order: Order): Promise<ManualOutcome<CanceledOrder>> {
    const { store, exchange } = this.#context;
    const view = (requestId: string | null): ManualOutcome<CanceledOrder> => ({
      ok: true,
      view: { order_id: order.orderId, symbol: order.symbol, kind: 'order', request_id: requestId },
    });
    const entry = [...store.entries.values()].find(
      (candidate) =>
        candidate.order !== undefined &&
        (candidate.order.orderId === order.orderId || candidate.order.clientOrderId === order.clientOrderId),
    );
    if (entry) {
      this.#host.stopEntry(entry.id);
      return view(entry.id);
    }
    const closing = [...store.positions.values()].find((position) =>
      position.closing?.parts.some((part) => part.clientOrderId === order.clientOrderId),
    );
    if (closing) return { ok: false, status: 409, error: `order ${order.orderId} is closing position ${closing.id}` };
    await exchange.cancelOrder({ symbol: order.symbol, orderId: order.orderId });
    return view(null);
  }

  async #cancelPlan(plan: PlanOrder): Promise<ManualOutcome<CanceledOrder>> {
    const protects = [...this.#context.store.positions.values()].find(
      (position) =>
        position.symbol === plan.symbol && plan.kind !== 'plan' && plan.side === closingSideOf(position.side),
    );
    if (protects) {
      return {
        ok: false,
        status: 409,
        error: `${plan.kind} ${plan.orderId} protects position ${protects.id}, which this worker manages: close the position or replace its protections instead`,
      };
    }
    await this.#context.exchange.cancelPlanOrder({ symbol: plan.symbol, orderId: plan.orderId });
    return { ok: true, view: { order_id: plan.orderId, symbol: plan.symbol, kind: 'plan', request_id: null } };
  }

  #remember(requestId: string, symbol: string, outcome: ManualOutcome<ClosedSymbol>): void {
    this.#answers.set(requestId, { symbol, outcome });
    if (this.#answers.size <= REMEMBERED_REQUESTS) return;
    const oldest = this.#answers.keys().next().value;
    if (oldest !== undefined) this.#answers.delete(oldest);
  }
}

function venueFailed(error: unknown): ManualOutcome<never> {
  return { ok: false, status: 502, error: `the exchange failed: ${messageOf(error)}` };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : 'unknown error';
}
