import { z } from 'zod';

/**
 * The REST bodies the native client reads, parsed loosely (docs/style.md#parse-at-boundaries: extra
 * fields pass) and only for the fields it maps. Field names keep OKX's camelCase and the types an
 * `Okx` prefix (docs/style.md#layered-exchange-client). OKX sends numbers as strings and "" for an
 * absent value (docs/reference/okx-wire.md#envelope); ids stay strings (18–19 digits).
 */
const str = z.string();
/** A string field OKX may leave out or send as "". */
const opt = z.string().optional().default('');

/** `{code, msg, data}`; `code` is "0" on success, a string (the gateway's 404 sends a number). */
export const OkxEnvelopeHeadSchema = z.looseObject({
  code: z.union([z.string(), z.number()]).transform(String),
  msg: z.string().optional().default(''),
  data: z.unknown().optional(),
});

/** An item of a trade write's `data` (place, cancel, amend, algo): its own outcome. */
export const OkxItemResultSchema = z.looseObject({ sCode: opt, sMsg: opt });

export const OkxServerTimeSchema = z.looseObject({ ts: str });

export const OkxInstrumentSchema = z.looseObject({
  instType: str,
  instId: str,
  settleCcy: opt,
  ctVal: str,
  ctMult: z.string().optional().default('1'),
  ctValCcy: opt,
  ctType: opt,
  lever: opt,
  tickSz: str,
  lotSz: str,
  minSz: str,
  maxLmtSz: opt,
  maxMktSz: opt,
  state: str,
  listTime: opt,
  expTime: opt,
});
export type OkxInstrument = z.output<typeof OkxInstrumentSchema>;

export const OkxTickerSchema = z.looseObject({
  instId: str,
  last: str,
  askPx: opt,
  askSz: opt,
  bidPx: opt,
  bidSz: opt,
  open24h: opt,
  vol24h: opt,
  volCcy24h: opt,
  ts: str,
});
export type OkxTicker = z.output<typeof OkxTickerSchema>;

export const OkxFundingRateSchema = z.looseObject({
  instId: str,
  fundingRate: opt,
  fundingTime: opt,
  nextFundingTime: opt,
});
export type OkxFundingRate = z.output<typeof OkxFundingRateSchema>;

export const OkxMarkPriceSchema = z.looseObject({ instId: str, markPx: str, ts: opt });
export type OkxMarkPrice = z.output<typeof OkxMarkPriceSchema>;

/** `[ts, o, h, l, c, vol, volCcy, volCcyQuote, confirm]`, all strings; older rows may stop at volCcy. */
export const OkxCandleSchema = z.array(z.string()).min(6);
export type OkxCandle = z.output<typeof OkxCandleSchema>;

export const OkxBalanceDetailSchema = z.looseObject({
  ccy: str,
  eq: opt,
  cashBal: opt,
  availBal: opt,
  availEq: opt,
  frozenBal: opt,
  ordFrozen: opt,
  upl: opt,
  imr: opt,
  isoEq: opt,
  uTime: opt,
});
export type OkxBalanceDetail = z.output<typeof OkxBalanceDetailSchema>;
export const OkxBalanceSchema = z.looseObject({ uTime: opt, details: z.array(OkxBalanceDetailSchema).default([]) });

export const OkxPositionSchema = z.looseObject({
  instId: str,
  instType: opt,
  mgnMode: str,
  posSide: str,
  pos: str,
  avgPx: opt,
  markPx: opt,
  lever: opt,
  margin: opt,
  imr: opt,
  upl: opt,
  realizedPnl: opt,
  liqPx: opt,
  cTime: opt,
  uTime: opt,
});
export type OkxPosition = z.output<typeof OkxPositionSchema>;

export const OkxAccountConfigSchema = z.looseObject({ posMode: str, acctLv: opt });

export const OkxLeverageSchema = z.looseObject({
  lever: str,
  mgnMode: str,
  instId: opt,
  posSide: opt,
});

export const OkxSetPositionModeSchema = z.looseObject({ posMode: str });

export const OkxOrderSchema = z.looseObject({
  instId: str,
  ordId: str,
  clOrdId: opt,
  tag: opt,
  px: opt,
  sz: str,
  ordType: str,
  side: str,
  posSide: opt,
  tdMode: opt,
  accFillSz: opt,
  avgPx: opt,
  state: str,
  lever: opt,
  category: opt,
  source: opt,
  reduceOnly: opt,
  fee: opt,
  pnl: opt,
  cTime: str,
  uTime: opt,
});
export type OkxOrder = z.output<typeof OkxOrderSchema>;

export const OkxOrderAckSchema = OkxItemResultSchema.extend({ ordId: opt, clOrdId: opt, tag: opt, ts: opt });
export type OkxOrderAck = z.output<typeof OkxOrderAckSchema>;

export const OkxClosePositionSchema = z.looseObject({ instId: str, posSide: opt, clOrdId: opt, tag: opt });

export const OkxFillSchema = z.looseObject({
  instId: str,
  tradeId: str,
  ordId: str,
  clOrdId: opt,
  billId: opt,
  fillPx: str,
  fillSz: str,
  fillPnl: opt,
  side: str,
  posSide: opt,
  execType: opt,
  fee: opt,
  feeCcy: opt,
  ts: str,
});
export type OkxFill = z.output<typeof OkxFillSchema>;

export const OkxBillSchema = z.looseObject({
  billId: str,
  ccy: str,
  balChg: opt,
  type: str,
  subType: opt,
  instId: opt,
  fee: opt,
  pnl: opt,
  ts: str,
});
export type OkxBill = z.output<typeof OkxBillSchema>;

export const OkxAlgoOrderSchema = z.looseObject({
  instId: str,
  algoId: str,
  algoClOrdId: opt,
  ordType: str,
  side: str,
  posSide: opt,
  sz: opt,
  closeFraction: opt,
  tpTriggerPx: opt,
  tpTriggerPxType: opt,
  tpOrdPx: opt,
  slTriggerPx: opt,
  slTriggerPxType: opt,
  slOrdPx: opt,
  triggerPx: opt,
  triggerPxType: opt,
  ordPx: opt,
  state: opt,
  cTime: str,
});
export type OkxAlgoOrder = z.output<typeof OkxAlgoOrderSchema>;

export const OkxAlgoAckSchema = OkxItemResultSchema.extend({ algoId: opt, algoClOrdId: opt, clOrdId: opt });

export const OkxCancelAllAfterSchema = z.looseObject({ triggerTime: str, tag: opt, ts: opt });
