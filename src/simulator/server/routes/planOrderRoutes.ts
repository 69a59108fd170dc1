import { z } from 'zod';
import { BitmartCodes } from '../../../exchange/bitmart/protocol/codes.ts';
import { Dec } from '../../../platform/decimal/index.ts';
import type { SimEngine, SubmitPlanOrderCommand, SubmitTpSlCommand } from '../../engine/types.ts';
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
  PriceTypeParam,
  presets,
  SideParam,
} from './orderParams.ts';

/** Plan (trigger) and TP/SL orders, SIGNED POSTs (docs/reference/bitmart-wire.md#plan-orders, #tp-sl-orders). */

const PlanCategoryParam = intParam.pipe(z.literal([1, 2]));

const PlanOrderBody = z.object({
  symbol: symbolParam,
  side: SideParam,
  type: z.enum(['limit', 'market', 'take_profit', 'stop_loss']).default('limit'),
  leverage: decimalParam,
  open_type: OpenTypeParam,
  mode: ModeParam.default(1),
  size: intParam,
  trigger_price: decimalParam,
  executive_price: decimalParam.optional(),
  price_way: intParam.pipe(z.literal([1, 2])),
  price_type: PriceTypeParam,
  plan_category: PlanCategoryParam.optional(),
  client_order_id: ClientOrderIdParam,
  ...PresetFields,
});

const TpSlBody = z.object({
  symbol: symbolParam,
  type: z.enum(['take_profit', 'stop_loss']),
  side: intParam.pipe(z.literal([2, 3])),
  size: intParam.optional(),
  trigger_price: decimalParam,
  // The skills reference: "0" means a market fill; lenient default when omitted.
  executive_price: decimalParam.default(new Dec(0)),
  price_type: PriceTypeParam.default(1),
  plan_category: PlanCategoryParam.optional(),
  client_order_id: ClientOrderIdParam,
  category: z.enum(['limit', 'market']).optional(),
});

/** A limit plan needs its executive price; take_profit/stop_loss plans execute at it when given, else at market. */
function planCommand(body: unknown): SubmitPlanOrderCommand {
  const request = parseParams(PlanOrderBody, body);
  const hasExecutivePrice = request.executive_price?.greaterThan(0) === true;
  if (request.type === 'limit' && !hasExecutivePrice) {
    throw new BitmartReplyError(BitmartCodes.parseParameter, `${BitmartCodes.parseParameter.message}: executive_price`);
  }
  const executionType = request.type === 'market' || !hasExecutivePrice ? 'market' : 'limit';
  return {
    symbol: request.symbol,
    side: request.side,
    executionType,
    leverage: request.leverage,
    openType: request.open_type,
    mode: request.mode,
    size: request.size,
    triggerPrice: request.trigger_price,
    ...(executionType === 'limit' && { executivePrice: request.executive_price }),
    priceWay: request.price_way,
    priceType: request.price_type,
    ...(request.plan_category && { planCategory: request.plan_category }),
    ...(request.client_order_id && { clientOrderId: request.client_order_id }),
    ...presets(request),
  };
}

function tpSlCommand(body: unknown): SubmitTpSlCommand {
  const request = parseParams(TpSlBody, body);
  return {
    symbol: request.symbol,
    type: request.type,
    side: request.side,
    ...(request.size !== undefined && { size: request.size }),
    triggerPrice: request.trigger_price,
    executivePrice: request.category === 'market' ? new Dec(0) : request.executive_price,
    priceType: request.price_type,
    ...(request.plan_category && { planCategory: request.plan_category }),
    ...(request.client_order_id && { clientOrderId: request.client_order_id }),
  };
}

export function planOrderEndpoints(engine: SimEngine): Endpoint[] {
  const post = (name: string, handle: (input: PrivateInput) => unknown): Endpoint => ({
    method: 'POST',
    path: `/contract/private/${name}`,
    auth: 'signed',
    handle,
  });
  return [
    // bitmart-wire.md#plan-orders: answers a NUMERIC order_id.
    post('submit-plan-order', ({ account, body }) => {
      const result = unwrap(engine.submitPlanOrder(account.accountId, planCommand(body)));
      return { order_id: Number(result.orderId) };
    }),
    // bitmart-wire.md#tp-sl-orders: answers a STRING order_id with the client order id.
    post('submit-tp-sl-order', ({ account, body }) => {
      const result = unwrap(engine.submitTpSl(account.accountId, tpSlCommand(body)));
      return { order_id: result.orderId, client_order_id: result.clientOrderId };
    }),
    post('cancel-plan-order', ({ account, body }) => {
      unwrap(engine.cancelPlanOrder(account.accountId, orderRef(parseParams(OrderRefBody, body))));
      return {};
    }),
  ];
}
