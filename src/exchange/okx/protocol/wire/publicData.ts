import { z } from 'zod';
import { okxDecimal, okxDecimalOrEmpty, okxMillis, okxMillisOrEmpty } from './primitives.ts';

/** `GET /api/v5/public/*` (https://www.okx.com/docs-v5/en/#public-data-rest-api). */

/** One row of `GET /api/v5/public/instruments?instType=SWAP`; all sizes are contracts. */
export const OkxInstrumentSchema = z.looseObject({
  instType: z.string(),
  instId: z.string(),
  uly: z.string(),
  instFamily: z.string(),
  settleCcy: z.string(),
  ctVal: okxDecimal,
  ctMult: okxDecimal,
  ctValCcy: z.string(),
  ctType: z.string(),
  lever: okxDecimalOrEmpty,
  tickSz: okxDecimal,
  lotSz: okxDecimal,
  minSz: okxDecimal,
  maxLmtSz: okxDecimalOrEmpty,
  maxMktSz: okxDecimalOrEmpty,
  state: z.string(),
  listTime: okxMillisOrEmpty,
  expTime: okxMillisOrEmpty,
  instIdCode: z.number().int().optional(),
});
export type OkxInstrument = z.infer<typeof OkxInstrumentSchema>;

export const OkxServerTimeSchema = z.looseObject({ ts: okxMillis });
export type OkxServerTime = z.infer<typeof OkxServerTimeSchema>;

export const OkxMarkPriceSchema = z.looseObject({
  instType: z.string(),
  instId: z.string(),
  markPx: okxDecimal,
  ts: okxMillis,
});
export type OkxMarkPrice = z.infer<typeof OkxMarkPriceSchema>;

export const OkxFundingRateSchema = z.looseObject({
  instType: z.string(),
  instId: z.string(),
  fundingRate: okxDecimal,
  nextFundingRate: okxDecimalOrEmpty,
  fundingTime: okxMillis,
  nextFundingTime: okxMillisOrEmpty,
  minFundingRate: okxDecimalOrEmpty.optional(),
  maxFundingRate: okxDecimalOrEmpty.optional(),
  ts: okxMillisOrEmpty.optional(),
});
export type OkxFundingRate = z.infer<typeof OkxFundingRateSchema>;
