import type { MonitorPositionRequest } from '../../contracts/api/monitorPosition.ts';
import type { FuturesExchange } from '../../exchange/port/FuturesExchange.ts';
import type { Contract, Position } from '../../exchange/port/types.ts';
import { Dec, roundToStep, ZERO } from '../../platform/decimal/index.ts';
import { clientOrderIdBase, stopClientOrderId } from './clientOrderIds.ts';
import { closingSideOf } from './closeOrders.ts';
import type { ExecutionContext } from './context.ts';
import type { PositionRecord } from './records.ts';
import { freshManagement } from './requestManagement.ts';
import type { Direction } from './triggers.ts';

export type Adoption =
  | { readonly ok: true; readonly position: PositionRecord; readonly contract: Contract }
  | { readonly ok: false; readonly status: 400 | 409; readonly error: string };

/**
 * A `POST /api/monitor-position` request checked against the venue (REST), as a monitored
 * position record: the order must be one the venue knows and that opened a position (400
 * otherwise), the position must be open and watched by no other request (409 otherwise), and the
 * levels must sit on their side of the last price (a stop already passed would close at once: 400).
 * The record monitors the whole position as the venue holds it now.
 */
export async function adoptPosition(
  request: MonitorPositionRequest,
  venue: {
    exchange: FuturesExchange;
    contract: Contract | undefined;
    monitored: Iterable<PositionRecord>;
    now: number;
  },
): Promise<Adoption> {
  const { exchange, contract } = venue;
  const refuse = (status: 400 | 409, error: string): Adoption => ({ ok: false, status, error });
  if (!contract) return refuse(400, `unknown symbol ${request.symbol}`);
  const order = await exchange.order({ symbol: request.symbol, orderId: request.order_id });
  // BitMart shows an order only a moment after it is placed: a brand-new one may need a retry.
  if (!order) return refuse(400, `order ${request.order_id} is unknown on ${request.symbol}`);
  if (order.side !== 'open_long' && order.side !== 'open_short') {
    return refuse(400, `order ${request.order_id} is a ${order.side} order, not one that opened a position`);
  }
  const side: Direction = order.side === 'open_long' ? 'long' : 'short';
  const held = (await exchange.positions(request.symbol)).find((position) => position.side === side);
  if (!held) return refuse(409, `no open ${side} position on ${request.symbol}: order ${request.order_id}'s is closed`);
  for (const other of venue.monitored) {
    if (other.symbol === request.symbol && other.side === side) {
      return refuse(409, `the ${side} position on ${request.symbol} is already monitored by request ${other.id}`);
    }
  }
  const tick = contract.tickSize;
  const stopLoss = request.stop_loss === undefined ? undefined : roundToStep(new Dec(request.stop_loss), tick);
  const takeProfit = request.take_profit === undefined ? undefined : roundToStep(new Dec(request.take_profit), tick);
  const last = (await exchange.ticker(request.symbol)).lastPrice;
  const levelsError = checkLevels(side, last, stopLoss, takeProfit);
  if (levelsError) return refuse(400, levelsError);
  return { ok: true, contract, position: recordOf(request, held, order, { stopLoss, takeProfit, now: venue.now }) };
}

function checkLevels(side: Direction, last: Dec, stopLoss: Dec | undefined, takeProfit: Dec | undefined) {
  const long = side === 'long';
  const at = `the last price is ${last.toFixed()}`;
  if (stopLoss?.lte(0) || takeProfit?.lte(0)) return 'stop_loss and take_profit must round to a price above zero';
  if (stopLoss && (long ? stopLoss.gte(last) : stopLoss.lte(last))) {
    return `stop_loss ${stopLoss.toFixed()} is already reached for a ${side}: ${at}`;
  }
  if (takeProfit && (long ? takeProfit.lte(last) : takeProfit.gte(last))) {
    return `take_profit ${takeProfit.toFixed()} is already reached for a ${side}: ${at}`;
  }
  return undefined;
}

function recordOf(
  request: MonitorPositionRequest,
  held: Position,
  order: { orderId: string; clientOrderId: string },
  levels: { stopLoss: Dec | undefined; takeProfit: Dec | undefined; now: number },
): PositionRecord {
  return {
    id: request.id,
    clientOrderIdBase: clientOrderIdBase(request.id),
    symbol: request.symbol,
    side: held.side,
    size: held.size,
    entryPrice: held.entryPrice,
    stopLoss: levels.stopLoss,
    takeProfit: levels.takeProfit,
    callbackUrl: request.callback_url,
    entryOrderId: order.orderId,
    entryClientOrderId: order.clientOrderId === '' ? undefined : order.clientOrderId,
    createdAt: levels.now,
    closeAttempt: 0,
    closing: undefined,
    closeFailures: 0,
    closed: { size: ZERO, value: ZERO },
    management: {
      ...freshManagement(
        levels.takeProfit ? [{ price: levels.takeProfit, fraction: new Dec(1) }] : [],
        levels.stopLoss,
      ),
      entryFilled: held.size,
    },
  };
}

/**
 * The exchange-side stop of a position the worker was asked to monitor, when it has none: the
 * caller's own stop-loss, held by the venue, so the position keeps a stop if the worker dies (the
 * entry flow gets the same from its presets). An existing stop-loss plan is left as it is; a
 * failure is logged loudly, the worker's own monitoring goes on.
 */
export async function ensureExchangeStop(context: ExecutionContext, position: PositionRecord): Promise<void> {
  const { exchange, logger, store } = context;
  const clientOrderId = stopClientOrderId(position.clientOrderIdBase, 1);
  const parent = position.entryClientOrderId && { parentClientOrderId: position.entryClientOrderId };
  store.roles.remember(clientOrderId, { kind: 'STOP_LOSS', requestId: position.id, ...parent });
  try {
    const plans = await exchange.planOrders(position.symbol);
    const closingSide = closingSideOf(position.side);
    const present = plans.some((plan) => plan.kind === 'stop_loss' && plan.side === closingSide);
    if (position.stopLoss && !present) {
      const { protections } = position.management;
      protections.stopOrders = 1;
      const ack = await exchange.submitPositionTpSl({
        symbol: position.symbol,
        kind: 'stop_loss',
        positionSide: position.side,
        triggerPrice: position.stopLoss,
        priceSource: 'last',
        clientOrderId,
      });
      protections.stop = { clientOrderId, orderId: ack.orderId, triggerPrice: position.stopLoss, size: undefined };
      context.persist();
    }
    const exchangeStop = present ? 'present' : position.stopLoss ? 'placed' : 'none';
    logger.info({ id: position.id, exchangeStop }, 'position monitored');
  } catch (error) {
    logger.error(
      { err: error, id: position.id },
      'could not place the exchange-side stop: only the worker protects it',
    );
  }
}
