import { z } from 'zod';
import { okxDecimalOrEmpty, okxMillis } from '../protocol/wire/primitives.ts';

/**
 * The REST bodies the native client reads that `protocol/wire` does not describe (yet): the bill
 * rows of `GET /api/v5/account/bills` (https://www.okx.com/docs-v5/en/#trading-account-rest-api-get-bills-details-last-7-days).
 * `type` 1 transfer, 2 trade (a fill: its `pnl` and `fee` in one row), 5 liquidation, 8 funding
 * fee; `balChg` is the signed change of the balance, `fee` negative when charged.
 */
export const OkxBillSchema = z.looseObject({
  billId: z.string(),
  ccy: z.string(),
  balChg: okxDecimalOrEmpty,
  type: z.string(),
  subType: z.string().optional().default(''),
  instId: z.string().optional().default(''),
  fee: okxDecimalOrEmpty.optional().default(''),
  pnl: okxDecimalOrEmpty.optional().default(''),
  ts: okxMillis,
});
export type OkxBill = z.output<typeof OkxBillSchema>;
