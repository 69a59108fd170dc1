import { z } from 'zod';

/**
 * BitMart's enumerations as they appear on the wire (docs/reference/bitmart-wire.md#enums). Numeric codes stay
 * numbers; their meaning is written once here and mapped to domain names by the mapper.
 */

/**
 * Order side. Hedge mode: 1 buy_open_long, 2 buy_close_short, 3 sell_close_long, 4 sell_open_short.
 * One-way mode: 1 buy, 2 buy reduce-only, 3 sell reduce-only, 4 sell.
 */
export const BitmartSideSchema = z.literal([1, 2, 3, 4]);
export type BitmartSide = z.infer<typeof BitmartSideSchema>;

/** Order state: 1 approval (being validated), 2 active, 4 finished (filled or canceled). There is no 3. */
export const BitmartOrderStateSchema = z.literal([1, 2, 4]);
export type BitmartOrderState = z.infer<typeof BitmartOrderStateSchema>;

/** Time in force of submit-order and plan orders: 1 GTC, 2 FOK, 3 IOC, 4 maker-only. */
export const BitmartOrderModeSchema = z.literal([1, 2, 3, 4]);
export type BitmartOrderMode = z.infer<typeof BitmartOrderModeSchema>;

/** Position direction: 1 long, 2 short. */
export const BitmartPositionTypeSchema = z.literal([1, 2]);
export type BitmartPositionType = z.infer<typeof BitmartPositionTypeSchema>;

/** Margin mode in REST bodies and rows. */
export const BitmartOpenTypeSchema = z.enum(['cross', 'isolated']);
export type BitmartOpenType = z.infer<typeof BitmartOpenTypeSchema>;

/** Margin mode in the WS `futures/position` push, an int unlike REST: 1 isolated, 2 cross. */
export const BitmartWsOpenTypeSchema = z.literal([1, 2]);
export type BitmartWsOpenType = z.infer<typeof BitmartWsOpenTypeSchema>;

/** `margin_type` of `/position`: capitalised, unlike `open_type`. */
export const BitmartMarginTypeSchema = z.enum(['Cross', 'Isolated']);
export type BitmartMarginType = z.infer<typeof BitmartMarginTypeSchema>;

/** Account-wide position mode. */
export const BitmartPositionModeSchema = z.enum(['hedge_mode', 'one_way_mode']);
export type BitmartPositionMode = z.infer<typeof BitmartPositionModeSchema>;

/** `position_side` of position-v2: "both" is a one-way position. */
export const BitmartPositionSideSchema = z.enum(['long', 'short', 'both']);
export type BitmartPositionSide = z.infer<typeof BitmartPositionSideSchema>;

/** Which futures account a row belongs to. */
export const BitmartAccountSchema = z.enum(['futures', 'copy_trading']);
export type BitmartAccount = z.infer<typeof BitmartAccountSchema>;

/** Trigger price source: 1 last price, 2 fair (mark) price; responses use 0 for "unset". */
export const BitmartPriceTypeSchema = z.literal([0, 1, 2]);
export type BitmartPriceType = z.infer<typeof BitmartPriceTypeSchema>;

/** Plan order trigger direction: 1 trigger when the price rises, 2 when it falls. */
export const BitmartPriceWaySchema = z.literal([1, 2]);
export type BitmartPriceWay = z.infer<typeof BitmartPriceWaySchema>;

/** Plan category: 1 order-level TP/SL, 2 position TP/SL. */
export const BitmartPlanCategorySchema = z.literal([1, 2]);
export type BitmartPlanCategory = z.infer<typeof BitmartPlanCategorySchema>;

/** `type` of order detail, history and open-order rows. */
export const BitmartOrderTypeSchema = z.enum([
  'limit',
  'market',
  'liquidate',
  'bankruptcy',
  'adl',
  'trailing',
  'planorder',
]);
export type BitmartOrderType = z.infer<typeof BitmartOrderTypeSchema>;

/** `type` of current-plan-order rows. */
export const BitmartPlanOrderTypeSchema = z.enum(['plan', 'take_profit', 'stop_loss']);
export type BitmartPlanOrderType = z.infer<typeof BitmartPlanOrderTypeSchema>;

/**
 * `type` of a WS `futures/order` push: a vocabulary of its own (bitmart-wire.md#private-channels). The liquidation
 * family of the REST rows is accepted too: a forced close must not be dropped for its spelling (the
 * simulator pushes `liquidate`; BitMart's docs do not say what it pushes).
 */
export const BitmartWsOrderTypeSchema = z.enum([
  'limit',
  'market',
  'plan_order',
  'trailing_order',
  'take_profit',
  'stop_loss',
  'liquidate',
  'bankruptcy',
  'adl',
]);
export type BitmartWsOrderType = z.infer<typeof BitmartWsOrderTypeSchema>;

/**
 * What happened to an order in a WS `futures/order` push: 1 fill, 2 submitted, 3 canceled,
 * 4 liquidation cancel, 5 ADL cancel, 6 partial liquidation, 7 bankruptcy order, 8 passive ADL
 * fill, 9 active ADL fill.
 */
export const BitmartWsOrderActionSchema = z.literal([1, 2, 3, 4, 5, 6, 7, 8, 9]);
export type BitmartWsOrderAction = z.infer<typeof BitmartWsOrderActionSchema>;

/** Whether our fill took or made liquidity (REST trades). */
export const BitmartExecTypeSchema = z.enum(['Taker', 'Maker']);
export type BitmartExecType = z.infer<typeof BitmartExecTypeSchema>;

/** Ledger row kind: 1 transfer, 2 realized PnL, 3 funding fee, 4 commission, 5 liquidation clearance (0 = "all" is a filter only). */
export const BitmartFlowTypeSchema = z.literal([1, 2, 3, 4, 5]);
export type BitmartFlowType = z.infer<typeof BitmartFlowTypeSchema>;

/** Contract kind: 1 perpetual, 2 dated futures. */
export const BitmartProductTypeSchema = z.literal([1, 2]);
export type BitmartProductType = z.infer<typeof BitmartProductTypeSchema>;

/** Contract trading status; ccxt treats a contract as active only when it is "Trading". */
export const BitmartContractStatusSchema = z.enum(['Trading', 'Delisted']);
export type BitmartContractStatus = z.infer<typeof BitmartContractStatusSchema>;

/** Side of the book a WS `futures/depth` push replaces: 1 bids, 2 asks. */
export const BitmartDepthWaySchema = z.literal([1, 2]);
export type BitmartDepthWay = z.infer<typeof BitmartDepthWaySchema>;

/** Open/close combination of both sides of a WS trade (1–8, bitmart-wire.md#enums). */
export const BitmartTradeWaySchema = z.literal([1, 2, 3, 4, 5, 6, 7, 8]);
export type BitmartTradeWay = z.infer<typeof BitmartTradeWaySchema>;

/** Trigger price source in the WS order push, spelled out, or "-" when not applicable. */
export const BitmartWsPriceTypeSchema = z.enum(['last_price', 'fair_price', '-']);
export type BitmartWsPriceType = z.infer<typeof BitmartWsPriceTypeSchema>;
