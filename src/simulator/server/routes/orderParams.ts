import { z } from 'zod';
import type { OrderRef, PresetTrigger } from '../../engine/types.ts';
import { decimalParam, idParam, intParam, symbolParam } from '../params.ts';

/** Request fields shared by order and plan-order endpoints (docs/reference/bitmart-wire.md#submit-order, #enums). */

export const SideParam = intParam.pipe(z.literal([1, 2, 3, 4]));
export const ModeParam = intParam.pipe(z.literal([1, 2, 3, 4]));
/** 1 last price, 2 fair (mark) price. */
export const PriceTypeParam = intParam.pipe(z.literal([1, 2]));
export const OpenTypeParam = z.enum(['cross', 'isolated']);
/** "" means unset (bitmart-wire.md#what-clients-depend-on): some clients always send the field. */
export const ClientOrderIdParam = z.string().optional();

export const PresetFields = {
  preset_take_profit_price: decimalParam.optional(),
  preset_stop_loss_price: decimalParam.optional(),
  preset_take_profit_price_type: PriceTypeParam.default(1),
  preset_stop_loss_price_type: PriceTypeParam.default(1),
};
type PresetValues = z.output<z.ZodObject<typeof PresetFields>>;

export function presets(values: PresetValues): { presetTakeProfit?: PresetTrigger; presetStopLoss?: PresetTrigger } {
  return {
    ...(values.preset_take_profit_price && {
      presetTakeProfit: { price: values.preset_take_profit_price, priceType: values.preset_take_profit_price_type },
    }),
    ...(values.preset_stop_loss_price && {
      presetStopLoss: { price: values.preset_stop_loss_price, priceType: values.preset_stop_loss_price_type },
    }),
  };
}

export const OrderRefBody = z.object({
  symbol: symbolParam,
  order_id: idParam.optional(),
  client_order_id: ClientOrderIdParam,
});

export function orderRef(body: z.output<typeof OrderRefBody>): OrderRef {
  return {
    symbol: body.symbol,
    ...(body.order_id && { orderId: body.order_id }),
    ...(body.client_order_id && { clientOrderId: body.client_order_id }),
  };
}
