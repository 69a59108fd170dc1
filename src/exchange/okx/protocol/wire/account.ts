import { z } from 'zod';
import { okxDecimal, okxDecimalOrEmpty, okxId, okxMillis, okxMillisOrEmpty } from './primitives.ts';

/** `/api/v5/account/*` (https://www.okx.com/docs-v5/en/#trading-account-rest-api). */

export const OkxPosModeSchema = z.enum(['net_mode', 'long_short_mode']);
export const OkxPosSideSchema = z.enum(['net', 'long', 'short']);
export const OkxMgnModeSchema = z.enum(['cross', 'isolated']);

/** `GET account/config`: one element; `posMode` is what a client reads. */
export const OkxAccountConfigSchema = z.looseObject({
  uid: z.string(),
  acctLv: z.string(),
  posMode: OkxPosModeSchema,
  perm: z.string().optional(),
});
export type OkxAccountConfig = z.infer<typeof OkxAccountConfigSchema>;

/** `POST account/set-position-mode` answers `[{posMode}]`. */
export const OkxSetPositionModeResultSchema = z.looseObject({ posMode: OkxPosModeSchema });

/** `POST account/set-leverage` answers and `GET account/leverage-info` rows. */
export const OkxLeverageSchema = z.looseObject({
  instId: z.string(),
  mgnMode: OkxMgnModeSchema,
  posSide: z.union([OkxPosSideSchema, z.literal('')]),
  lever: okxDecimal,
});
export type OkxLeverage = z.infer<typeof OkxLeverageSchema>;

/** One currency of `GET account/balance`'s `details[]`. */
export const OkxBalanceDetailSchema = z.looseObject({
  ccy: z.string(),
  eq: okxDecimal,
  cashBal: okxDecimal,
  availBal: okxDecimalOrEmpty,
  availEq: okxDecimalOrEmpty,
  frozenBal: okxDecimalOrEmpty,
  ordFrozen: okxDecimalOrEmpty,
  upl: okxDecimalOrEmpty,
  isoEq: okxDecimalOrEmpty,
  imr: okxDecimalOrEmpty,
  mmr: okxDecimalOrEmpty,
  uTime: okxMillis,
});
export type OkxBalanceDetail = z.infer<typeof OkxBalanceDetailSchema>;

/** `GET account/balance` and the WS `account` push: one element per account. */
export const OkxBalanceSchema = z.looseObject({
  totalEq: okxDecimal,
  uTime: okxMillis,
  details: z.array(OkxBalanceDetailSchema),
});
export type OkxBalance = z.infer<typeof OkxBalanceSchema>;

/** `closeOrderAlgo[]` of a position: position-level TP/SL. */
export const OkxCloseOrderAlgoSchema = z.looseObject({
  algoId: okxId,
  slTriggerPx: okxDecimalOrEmpty,
  tpTriggerPx: okxDecimalOrEmpty,
  closeFraction: okxDecimalOrEmpty,
});

/**
 * `GET account/positions` and the WS `positions` push. `pos` is contracts, signed in net mode;
 * `imr` is set for cross, `margin` for isolated.
 */
export const OkxPositionSchema = z.looseObject({
  instType: z.string(),
  instId: z.string(),
  mgnMode: OkxMgnModeSchema,
  posId: okxId,
  posSide: OkxPosSideSchema,
  pos: okxDecimal,
  availPos: okxDecimalOrEmpty,
  avgPx: okxDecimalOrEmpty,
  markPx: okxDecimalOrEmpty,
  upl: okxDecimalOrEmpty,
  lever: okxDecimalOrEmpty,
  liqPx: okxDecimalOrEmpty,
  imr: okxDecimalOrEmpty,
  margin: okxDecimalOrEmpty,
  mmr: okxDecimalOrEmpty,
  notionalUsd: okxDecimalOrEmpty,
  // Added to the wire in 2023: older recorded pushes lack them.
  realizedPnl: okxDecimalOrEmpty.optional(),
  fee: okxDecimalOrEmpty.optional(),
  fundingFee: okxDecimalOrEmpty.optional(),
  ccy: z.string(),
  closeOrderAlgo: z.array(OkxCloseOrderAlgoSchema).optional(),
  cTime: okxMillis,
  uTime: okxMillisOrEmpty,
});
export type OkxPosition = z.infer<typeof OkxPositionSchema>;

/**
 * One row of `GET account/bills` (last 7 days) and `account/bills-archive` (3 months), newest
 * first (https://www.okx.com/docs-v5/en/#trading-account-rest-api-get-bills-details-last-7-days).
 * `type` 1 transfer, 2 trade (a fill: its `pnl` and `fee` in one row), 5 liquidation, 8 funding
 * fee; `balChg` is the signed change of the balance and `bal` the balance after it, `fee`
 * negative when charged; `sz` is contracts for swaps.
 */
export const OkxBillSchema = z.looseObject({
  billId: okxId,
  ccy: z.string(),
  bal: okxDecimalOrEmpty.optional().default(''),
  balChg: okxDecimalOrEmpty,
  type: z.string(),
  subType: z.string().optional().default(''),
  instId: z.string().optional().default(''),
  fee: okxDecimalOrEmpty.optional().default(''),
  pnl: okxDecimalOrEmpty.optional().default(''),
  ts: okxMillis,
});
export type OkxBill = z.output<typeof OkxBillSchema>;
