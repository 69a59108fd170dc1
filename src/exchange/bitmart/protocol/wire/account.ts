import { z } from 'zod';
import {
  BitmartAccountSchema,
  BitmartFlowTypeSchema,
  BitmartOpenTypeSchema,
  BitmartPositionModeSchema,
} from './enums.ts';
import {
  bitmartCurrency,
  bitmartDecimal,
  bitmartEpochMillis,
  bitmartEpochMillisString,
  bitmartIdString,
  bitmartSymbol,
} from './primitives.ts';

/**
 * One currency of `GET /contract/private/assets-detail` (docs/reference/bitmart-wire.md#assets).
 * `frozen_balance` is held by open orders, `position_deposit` is margin in positions and `equity`
 * is balance plus unrealized PnL.
 */
export const BitmartAssetSchema = z.looseObject({
  currency: bitmartCurrency,
  available_balance: bitmartDecimal,
  frozen_balance: bitmartDecimal,
  unrealized: bitmartDecimal,
  equity: bitmartDecimal,
  position_deposit: bitmartDecimal,
});
export type BitmartAsset = z.infer<typeof BitmartAssetSchema>;

export const BitmartAssetListSchema = z.array(BitmartAssetSchema);
export type BitmartAssetList = z.infer<typeof BitmartAssetListSchema>;

/** Data of `GET /contract/private/trade-fee-rate` (bitmart-wire.md#fee-rate). */
export const BitmartTradeFeeRateSchema = z.looseObject({
  symbol: bitmartSymbol,
  taker_fee_rate: bitmartDecimal,
  maker_fee_rate: bitmartDecimal,
});
export type BitmartTradeFeeRate = z.infer<typeof BitmartTradeFeeRateSchema>;

/**
 * Data of `GET get-position-mode` and `POST set-position-mode` (bitmart-wire.md#position-mode); the
 * mode is account-wide.
 */
export const BitmartPositionModeDataSchema = z.looseObject({ position_mode: BitmartPositionModeSchema });
export type BitmartPositionModeData = z.infer<typeof BitmartPositionModeDataSchema>;

/** Data of `POST /contract/private/submit-leverage` (bitmart-wire.md#submit-leverage). */
export const BitmartLeverageSettingSchema = z.looseObject({
  symbol: bitmartSymbol,
  leverage: bitmartDecimal,
  open_type: BitmartOpenTypeSchema,
  max_value: bitmartDecimal,
});
export type BitmartLeverageSetting = z.infer<typeof BitmartLeverageSettingSchema>;

/**
 * One ledger row of `GET /contract/private/transaction-history` (bitmart-wire.md#transaction-history). Unlike every
 * other time, `time` is a **string** of ms, and `tran_id` is a string too. `type` is free text ("Funding Fee");
 * `amount` is signed. ccxt's real sample has no `account`, the docs list it, so it is optional.
 */
export const BitmartTransactionSchema = z.looseObject({
  /** "" is tolerated for rows not tied to a contract (transfers); no sample shows one [?]. */
  symbol: z.union([z.literal(''), bitmartSymbol]),
  flow_type: BitmartFlowTypeSchema.optional(),
  type: z.string(),
  amount: bitmartDecimal,
  asset: bitmartCurrency,
  account: BitmartAccountSchema.optional(),
  time: bitmartEpochMillisString,
  tran_id: bitmartIdString,
});
export type BitmartTransaction = z.infer<typeof BitmartTransactionSchema>;

export const BitmartTransactionListSchema = z.array(BitmartTransactionSchema);
export type BitmartTransactionList = z.infer<typeof BitmartTransactionListSchema>;

/**
 * Data of `POST /account/v1/transfer-contract` (bitmart-wire.md#transfers), and of the demo-only
 * `POST /contract/private/claim` (bitmart-wire.md#hosts), which tops up test funds with the same shape.
 */
export const BitmartTransferResultSchema = z.looseObject({ currency: bitmartCurrency, amount: bitmartDecimal });
export type BitmartTransferResult = z.infer<typeof BitmartTransferResultSchema>;

/** One row of `POST /account/v1/transfer-contract-list` (bitmart-wire.md#transfers). */
export const BitmartTransferRecordSchema = z.looseObject({
  transfer_id: bitmartIdString,
  currency: bitmartCurrency,
  amount: bitmartDecimal,
  type: z.enum(['spot_to_contract', 'contract_to_spot']),
  state: z.enum(['PROCESSING', 'FINISHED', 'FAILED']),
  timestamp: bitmartEpochMillis,
});
export type BitmartTransferRecord = z.infer<typeof BitmartTransferRecordSchema>;

export const BitmartTransferRecordListSchema = z.looseObject({ records: z.array(BitmartTransferRecordSchema) });
export type BitmartTransferRecordList = z.infer<typeof BitmartTransferRecordListSchema>;
