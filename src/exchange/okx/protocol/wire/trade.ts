import { z } from 'zod';
import {
  okxBoolInput,
  okxBoolString,
  okxDecimal,
  okxDecimalOrEmpty,
  okxId,
  okxIdOrEmpty,
  okxMillis,
  okxMillisOrEmpty,
  okxNumericInput,
} from './primitives.ts';

/**
 * `/api/v5/trade/*` (https://www.okx.com/docs-v5/en/#order-book-trading-trade). Request schemas
 * read what clients send (numbers or strings, booleans or strings, unknown keys ignored, as OKX
 * does); response schemas read what OKX sends.
 */

export const OkxSideSchema = z.enum(['buy', 'sell']);
export const OkxOrdTypeSchema = z.enum(['market', 'limit', 'post_only', 'fok', 'ioc', 'optimal_limit_ioc']);
export const OkxOrderStateSchema = z.enum(['live', 'partially_filled', 'filled', 'canceled', 'mmp_canceled']);
export const OkxTriggerPxTypeSchema = z.enum(['last', 'index', 'mark']);

/** One `attachAlgoOrds[]` item: a TP and/or SL created once the parent is completely filled. */
export const OkxAttachAlgoOrdRequestSchema = z.looseObject({
  attachAlgoClOrdId: z.string().optional(),
  tpTriggerPx: okxNumericInput.optional(),
  tpOrdPx: okxNumericInput.optional(),
  tpTriggerPxType: z.string().optional(),
  slTriggerPx: okxNumericInput.optional(),
  slOrdPx: okxNumericInput.optional(),
  slTriggerPxType: z.string().optional(),
  sz: okxNumericInput.optional(),
});
export type OkxAttachAlgoOrdRequest = z.input<typeof OkxAttachAlgoOrdRequestSchema>;

/** `POST trade/order` body, one element of `POST trade/batch-orders`. `sz` in contracts. */
export const OkxPlaceOrderRequestSchema = z.looseObject({
  instId: z.string(),
  tdMode: z.string(),
  side: z.string(),
  posSide: z.string().optional(),
  ordType: z.string(),
  sz: okxNumericInput,
  px: okxNumericInput.optional(),
  reduceOnly: okxBoolInput.optional(),
  clOrdId: z.string().optional(),
  tag: z.string().optional(),
  attachAlgoOrds: z.array(OkxAttachAlgoOrdRequestSchema).optional(),
});
export type OkxPlaceOrderRequest = z.input<typeof OkxPlaceOrderRequestSchema>;

/** The item of a place answer: `{ordId, clOrdId, tag, ts, sCode, sMsg}`. */
export const OkxPlaceOrderResultSchema = z.looseObject({
  ordId: okxIdOrEmpty,
  clOrdId: z.string(),
  tag: z.string().optional(),
  ts: okxMillisOrEmpty.optional(),
  sCode: z.string(),
  sMsg: z.string(),
});
export type OkxPlaceOrderResult = z.infer<typeof OkxPlaceOrderResultSchema>;

/** `POST trade/cancel-order` body: `ordId` wins over `clOrdId`. */
export const OkxCancelOrderRequestSchema = z.looseObject({
  instId: z.string(),
  ordId: z.string().optional(),
  clOrdId: z.string().optional(),
});
export type OkxCancelOrderRequest = z.input<typeof OkxCancelOrderRequestSchema>;

export const OkxCancelOrderResultSchema = OkxPlaceOrderResultSchema;

/** `POST trade/amend-order` body; `newSz` includes what already filled. */
export const OkxAmendOrderRequestSchema = z.looseObject({
  instId: z.string(),
  ordId: z.string().optional(),
  clOrdId: z.string().optional(),
  newSz: okxNumericInput.optional(),
  newPx: okxNumericInput.optional(),
  cxlOnFail: okxBoolInput.optional(),
  reqId: z.string().optional(),
});
export type OkxAmendOrderRequest = z.input<typeof OkxAmendOrderRequestSchema>;

export const OkxAmendOrderResultSchema = z.looseObject({
  ordId: okxIdOrEmpty,
  clOrdId: z.string(),
  reqId: z.string().optional(),
  ts: okxMillisOrEmpty.optional(),
  sCode: z.string(),
  sMsg: z.string(),
});
export type OkxAmendOrderResult = z.infer<typeof OkxAmendOrderResultSchema>;

/** `POST trade/close-position`: a market close of the whole position. */
export const OkxClosePositionRequestSchema = z.looseObject({
  instId: z.string(),
  mgnMode: z.string(),
  posSide: z.string().optional(),
  autoCxl: okxBoolInput.optional(),
  clOrdId: z.string().optional(),
  tag: z.string().optional(),
});
export type OkxClosePositionRequest = z.input<typeof OkxClosePositionRequestSchema>;

export const OkxClosePositionResultSchema = z.looseObject({
  instId: z.string(),
  posSide: z.string(),
  clOrdId: z.string().optional(),
  tag: z.string().optional(),
});

/** `POST trade/cancel-all-after`: `timeOut` seconds, 0 = off, else 10–120; `tag` for a tag-level timer. */
export const OkxCancelAllAfterRequestSchema = z.looseObject({
  timeOut: okxNumericInput,
  tag: z.string().optional(),
});
export type OkxCancelAllAfterRequest = z.input<typeof OkxCancelAllAfterRequestSchema>;

export const OkxCancelAllAfterResultSchema = z.looseObject({
  triggerTime: z.string(),
  tag: z.string(),
  ts: z.string(),
});
export type OkxCancelAllAfterResult = z.infer<typeof OkxCancelAllAfterResultSchema>;

/** An attached TP/SL as the parent order shows it. */
export const OkxAttachedAlgoSchema = z.looseObject({
  attachAlgoId: z.string().optional(),
  attachAlgoClOrdId: z.string().optional(),
  tpTriggerPx: okxDecimalOrEmpty.optional(),
  tpOrdPx: okxDecimalOrEmpty.optional(),
  slTriggerPx: okxDecimalOrEmpty.optional(),
  slOrdPx: okxDecimalOrEmpty.optional(),
});

/**
 * An order: `GET trade/order`, `orders-pending`, `orders-history`, and the WS `orders` push (which
 * adds the last fill's `fillSz`/`fillPx`/`fillFee`/`tradeId`). `avgPx`/`fillPx` are "" before a
 * fill; `fee` is negative when charged; `reduceOnly` is a string.
 */
export const OkxOrderSchema = z.looseObject({
  instType: z.string(),
  instId: z.string(),
  ordId: okxId,
  clOrdId: z.string(),
  tag: z.string(),
  px: okxDecimalOrEmpty,
  sz: okxDecimal,
  ordType: OkxOrdTypeSchema,
  side: OkxSideSchema,
  posSide: z.string(),
  tdMode: z.string(),
  accFillSz: okxDecimal,
  fillPx: okxDecimalOrEmpty,
  fillSz: okxDecimalOrEmpty,
  tradeId: z.string(),
  avgPx: okxDecimalOrEmpty,
  state: OkxOrderStateSchema,
  lever: okxDecimalOrEmpty,
  fee: okxDecimalOrEmpty,
  feeCcy: z.string(),
  pnl: okxDecimalOrEmpty,
  reduceOnly: okxBoolString,
  source: z.string(),
  algoId: z.string(),
  algoClOrdId: z.string(),
  attachAlgoOrds: z.array(OkxAttachedAlgoSchema).optional(),
  cancelSource: z.string().optional(),
  cTime: okxMillis,
  uTime: okxMillis,
});
export type OkxOrder = z.infer<typeof OkxOrderSchema>;

/** `GET trade/fills` / `fills-history` rows; `fee` negative when charged, `execType` T or M. */
export const OkxFillSchema = z.looseObject({
  instType: z.string(),
  instId: z.string(),
  tradeId: z.string(),
  ordId: okxId,
  clOrdId: z.string(),
  billId: z.string(),
  tag: z.string(),
  fillPx: okxDecimal,
  fillSz: okxDecimal,
  fillPnl: okxDecimalOrEmpty.optional(),
  side: OkxSideSchema,
  posSide: z.string(),
  execType: z.enum(['T', 'M', '']),
  feeCcy: z.string(),
  fee: okxDecimal,
  ts: okxMillis,
  fillTime: okxMillisOrEmpty.optional(),
});
export type OkxFill = z.infer<typeof OkxFillSchema>;

export const OkxAlgoOrdTypeSchema = z.enum(['conditional', 'oco', 'trigger']);

/** `POST trade/order-algo` (`conditional`, `oco`, `trigger`). ccxt sends `clOrdId` for `algoClOrdId`. */
export const OkxPlaceAlgoRequestSchema = z.looseObject({
  instId: z.string(),
  tdMode: z.string(),
  side: z.string(),
  posSide: z.string().optional(),
  ordType: z.string(),
  sz: okxNumericInput.optional(),
  closeFraction: okxNumericInput.optional(),
  reduceOnly: okxBoolInput.optional(),
  algoClOrdId: z.string().optional(),
  clOrdId: z.string().optional(),
  tag: z.string().optional(),
  tpTriggerPx: okxNumericInput.optional(),
  tpOrdPx: okxNumericInput.optional(),
  tpTriggerPxType: z.string().optional(),
  slTriggerPx: okxNumericInput.optional(),
  slOrdPx: okxNumericInput.optional(),
  slTriggerPxType: z.string().optional(),
  triggerPx: okxNumericInput.optional(),
  orderPx: okxNumericInput.optional(),
  triggerPxType: z.string().optional(),
});
export type OkxPlaceAlgoRequest = z.input<typeof OkxPlaceAlgoRequestSchema>;

export const OkxAlgoResultSchema = z.looseObject({
  algoId: okxIdOrEmpty,
  algoClOrdId: z.string(),
  sCode: z.string(),
  sMsg: z.string(),
});
export type OkxAlgoResult = z.infer<typeof OkxAlgoResultSchema>;

/** One element of `POST trade/cancel-algos` (the body is an array). */
export const OkxCancelAlgoRequestSchema = z.looseObject({
  instId: z.string(),
  algoId: z.string().optional(),
  algoClOrdId: z.string().optional(),
});
export type OkxCancelAlgoRequest = z.input<typeof OkxCancelAlgoRequestSchema>;

/** `GET trade/orders-algo-pending` / `-history` rows; an attached TP+SL shows as `oco`. */
export const OkxAlgoOrderSchema = z.looseObject({
  instType: z.string(),
  instId: z.string(),
  algoId: okxId,
  algoClOrdId: z.string(),
  ordType: OkxAlgoOrdTypeSchema,
  state: z.string(),
  side: OkxSideSchema,
  posSide: z.string(),
  tdMode: z.string(),
  sz: okxDecimalOrEmpty,
  closeFraction: okxDecimalOrEmpty.optional(),
  tpTriggerPx: okxDecimalOrEmpty,
  tpTriggerPxType: z.string(),
  tpOrdPx: okxDecimalOrEmpty,
  slTriggerPx: okxDecimalOrEmpty,
  slTriggerPxType: z.string(),
  slOrdPx: okxDecimalOrEmpty,
  triggerPx: okxDecimalOrEmpty,
  triggerPxType: z.string(),
  ordPx: okxDecimalOrEmpty,
  actualSide: z.string(),
  ordIdList: z.array(z.string()).optional(),
  reduceOnly: okxBoolString,
  tag: z.string(),
  cTime: okxMillis,
  uTime: okxMillisOrEmpty.optional(),
});
export type OkxAlgoOrder = z.infer<typeof OkxAlgoOrderSchema>;
