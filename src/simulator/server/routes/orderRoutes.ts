import { z } from 'zod';
import { BitmartCodes } from '../../../exchange/bitmart/protocol/codes.ts';
import { toWire } from '../../../platform/decimal/index.ts';
import type { SimEngine, SubmitOrderCommand } from '../../engine/types.ts';
import type { Endpoint, PrivateInput } from '../endpoint.ts';
import { BitmartReplyError, unwrap } from '../envelope.ts';
import { decimalParam, intParam, parseParams, symbolParam } from '../params.ts';
import {
  ClientOrderIdParam,
  ModeParam,
  OpenTypeParam,
  OrderRefBody,
  orderRef,
  PresetFields,
  presets,
  SideParam,
} from './orderParams.ts';

/** Order entry and cancellation, all SIGNED POSTs (docs/reference/bitmart-wire.md#trading-endpoints). */

const SubmitOrderBody = z.object({
  symbol: symbolParam,
  side: SideParam,
  type: z.enum(['limit', 'market']).default('limit'),
  mode: ModeParam.default(1),
  size: intParam,
  price: decimalParam.optional(),
  leverage: decimalParam.optional(),
  open_type: OpenTypeParam.optional(),
  client_order_id: ClientOrderIdParam,
  ...PresetFields,
});

const SymbolBody = z.object({ symbol: symbolParam });
const CancelAllAfterBody = z.object({ symbol: symbolParam, timeout: intParam });
const ModifyBody = OrderRefBody.extend({ price: decimalParam.optional(), size: intParam.optional() });

/** bitmart-wire.md#submit-order: a limit order needs a price; a market order's price is ignored. */
function submitCommand({ body, receivedAtMicros }: PrivateInput): SubmitOrderCommand {
  const request = parseParams(SubmitOrderBody, body);
  if (request.type === 'limit' && !request.price) {
    throw new BitmartReplyError(BitmartCodes.parseParameter, `${BitmartCodes.parseParameter.message}: price`);
  }
  return {
    symbol: request.symbol,
    side: request.side,
    type: request.type,
    mode: request.mode,
    size: request.size,
    ...(request.type === 'limit' && { price: request.price }),
    ...(request.leverage && { leverage: request.leverage }),
    ...(request.open_type && { openType: request.open_type }),
    clientOrderId: request.client_order_id ?? '',
    ...presets(request),
    receivedAtMicros,
  };
}

export function orderEndpoints(engine: SimEngine): Endpoint[] {
  const post = (name: string, handle: (input: PrivateInput) => unknown): Endpoint => ({
    method: 'POST',
    path: `/contract/private/${name}`,
    auth: 'signed',
    handle,
  });
  return [
    // bitmart-wire.md#submit-order: answers {order_id: NUMBER, price: "<limit price>" | "market price"}.
    post('submit-order', (input) => {
      const result = unwrap(engine.submitOrder(input.account.accountId, submitCommand(input)));
      return {
        order_id: Number(result.orderId),
        price: result.price === 'market price' ? result.price : toWire(result.price),
      };
    }),
    // bitmart-wire.md#cancel-order: neither id cancels all of the symbol's orders; 1000 means "cancellation submitted".
    post('cancel-order', ({ account, body }) => {
      unwrap(engine.cancelOrder(account.accountId, orderRef(parseParams(OrderRefBody, body))));
      return {};
    }),
    post('cancel-orders', ({ account, body }) => {
      unwrap(engine.cancelAllOrders(account.accountId, parseParams(SymbolBody, body).symbol));
      return {};
    }),
    post('cancel-all-after', ({ account, body }) => {
      const { symbol, timeout } = parseParams(CancelAllAfterBody, body);
      const result = unwrap(engine.cancelAllAfter(account.accountId, symbol, timeout));
      return { result: result.result, set_time: result.setTime, cancel_time: result.cancelTime };
    }),
    // bitmart-wire.md#modify-limit-order: at least one id and at least one of price/size; answers a numeric order_id.
    post('modify-limit-order', ({ account, body }) => {
      const request = parseParams(ModifyBody, body);
      const ref = orderRef(request);
      if ((!ref.orderId && !ref.clientOrderId) || (!request.price && request.size === undefined)) {
        throw new BitmartReplyError(BitmartCodes.parseParameter);
      }
      const change = {
        ...(request.price && { price: request.price }),
        ...(request.size !== undefined && { size: request.size }),
      };
      const result = unwrap(engine.modifyLimitOrder(account.accountId, ref, change));
      return { order_id: Number(result.orderId), client_order_id: result.clientOrderId };
    }),
  ];
}
