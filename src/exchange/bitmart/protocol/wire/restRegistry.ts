import type { z } from 'zod';
import {
  BitmartAssetListSchema,
  BitmartLeverageSettingSchema,
  BitmartPositionModeDataSchema,
  BitmartTradeFeeRateSchema,
  BitmartTransactionListSchema,
  BitmartTransferRecordListSchema,
  BitmartTransferResultSchema,
} from './account.ts';
import { bitmartEnvelope } from './envelope.ts';
import {
  BitmartCancelAllAfterResultSchema,
  BitmartCancelResultSchema,
  BitmartModifyLimitOrderResultSchema,
  BitmartSubmitOrderResultSchema,
} from './orderResponses.ts';
import {
  BitmartFillListSchema,
  BitmartHistoricOrderListSchema,
  BitmartOpenOrderListSchema,
  BitmartOrderSchema,
} from './orders.ts';
import {
  BitmartModifyPlanOrderResultSchema,
  BitmartPlanOrderListSchema,
  BitmartSubmitPlanOrderResultSchema,
  BitmartSubmitTpSlOrderResultSchema,
} from './planOrders.ts';
import { BitmartPositionListSchema, BitmartPositionRiskListSchema, BitmartPositionV2ListSchema } from './positions.ts';
import {
  BitmartContractDetailsListSchema,
  BitmartLeverageBracketRulesSchema,
  BitmartOpenInterestSchema,
  BitmartServerTimeSchema,
  BitmartSystemServiceSchema,
} from './publicContract.ts';
import {
  BitmartDepthSchema,
  BitmartFundingRateHistorySchema,
  BitmartFundingRateListSchema,
  BitmartFundingRateSchema,
  BitmartKlineListSchema,
  BitmartMarketTradeListSchema,
} from './publicMarket.ts';

/**
 * The success envelope of every REST endpoint of docs/reference/bitmart-wire.md, keyed by path, with each
 * schema's own type kept (for the REST client's endpoint methods). An error body (code ≠ 1000)
 * never matches these: parse it with `BitmartErrorEnvelopeSchema`.
 */
export const BitmartRestResponseSchemas = Object.freeze({
  // public (#public-endpoints)
  '/system/time': bitmartEnvelope(BitmartServerTimeSchema),
  '/system/service': bitmartEnvelope(BitmartSystemServiceSchema),
  '/contract/public/details': bitmartEnvelope(BitmartContractDetailsListSchema),
  '/contract/public/depth': bitmartEnvelope(BitmartDepthSchema),
  '/contract/public/market-trade': bitmartEnvelope(BitmartMarketTradeListSchema),
  '/contract/public/kline': bitmartEnvelope(BitmartKlineListSchema),
  '/contract/public/markprice-kline': bitmartEnvelope(BitmartKlineListSchema),
  '/contract/public/funding-rate': bitmartEnvelope(BitmartFundingRateSchema),
  '/contract/public/funding-rate-v2': bitmartEnvelope(BitmartFundingRateListSchema),
  '/contract/public/funding-rate-history': bitmartEnvelope(BitmartFundingRateHistorySchema),
  '/contract/public/open-interest': bitmartEnvelope(BitmartOpenInterestSchema),
  '/contract/public/leverage-bracket': bitmartEnvelope(BitmartLeverageBracketRulesSchema),
  // account and positions (#account-endpoints)
  '/contract/private/assets-detail': bitmartEnvelope(BitmartAssetListSchema),
  '/contract/private/trade-fee-rate': bitmartEnvelope(BitmartTradeFeeRateSchema),
  '/contract/private/position': bitmartEnvelope(BitmartPositionListSchema),
  '/contract/private/position-v2': bitmartEnvelope(BitmartPositionV2ListSchema),
  '/contract/private/position-risk': bitmartEnvelope(BitmartPositionRiskListSchema),
  '/contract/private/get-position-mode': bitmartEnvelope(BitmartPositionModeDataSchema),
  '/contract/private/set-position-mode': bitmartEnvelope(BitmartPositionModeDataSchema),
  '/contract/private/transaction-history': bitmartEnvelope(BitmartTransactionListSchema),
  // trading (#trading-endpoints)
  '/contract/private/submit-order': bitmartEnvelope(BitmartSubmitOrderResultSchema),
  '/contract/private/cancel-order': bitmartEnvelope(BitmartCancelResultSchema),
  '/contract/private/cancel-orders': bitmartEnvelope(BitmartCancelResultSchema),
  '/contract/private/cancel-all-after': bitmartEnvelope(BitmartCancelAllAfterResultSchema),
  '/contract/private/modify-limit-order': bitmartEnvelope(BitmartModifyLimitOrderResultSchema),
  '/contract/private/submit-leverage': bitmartEnvelope(BitmartLeverageSettingSchema),
  '/contract/private/submit-plan-order': bitmartEnvelope(BitmartSubmitPlanOrderResultSchema),
  '/contract/private/submit-tp-sl-order': bitmartEnvelope(BitmartSubmitTpSlOrderResultSchema),
  '/contract/private/submit-trail-order': bitmartEnvelope(BitmartSubmitPlanOrderResultSchema),
  '/contract/private/cancel-plan-order': bitmartEnvelope(BitmartCancelResultSchema),
  '/contract/private/cancel-trail-order': bitmartEnvelope(BitmartCancelResultSchema),
  '/contract/private/modify-plan-order': bitmartEnvelope(BitmartModifyPlanOrderResultSchema),
  '/contract/private/modify-tp-sl-order': bitmartEnvelope(BitmartModifyPlanOrderResultSchema),
  '/contract/private/modify-preset-plan-order': bitmartEnvelope(BitmartModifyPlanOrderResultSchema),
  '/contract/private/claim': bitmartEnvelope(BitmartTransferResultSchema),
  '/account/v1/transfer-contract': bitmartEnvelope(BitmartTransferResultSchema),
  '/account/v1/transfer-contract-list': bitmartEnvelope(BitmartTransferRecordListSchema),
  // order queries (#order-queries)
  '/contract/private/order': bitmartEnvelope(BitmartOrderSchema),
  '/contract/private/order-history': bitmartEnvelope(BitmartHistoricOrderListSchema),
  '/contract/private/get-open-orders': bitmartEnvelope(BitmartOpenOrderListSchema),
  '/contract/private/current-plan-order': bitmartEnvelope(BitmartPlanOrderListSchema),
  '/contract/private/trades': bitmartEnvelope(BitmartFillListSchema),
});

/** A REST path this module knows the response of. */
export type BitmartRestPath = keyof typeof BitmartRestResponseSchemas;

/**
 * The same table widened to plain strings, for code that holds a path at run time: the
 * conformance test that validates the simulator's responses, logging, fixtures.
 */
export const BITMART_REST_RESPONSE_SCHEMAS: Readonly<Record<string, z.ZodType>> = BitmartRestResponseSchemas;

/** The success envelope schema of a REST path (query string ignored), or undefined when unknown. */
export function bitmartRestResponseSchemaFor(path: string): z.ZodType | undefined {
  const withoutQuery = path.split('?', 1)[0] ?? path;
  const normalised = withoutQuery.startsWith('/') ? withoutQuery : `/${withoutQuery}`;
  return Object.hasOwn(BITMART_REST_RESPONSE_SCHEMAS, normalised)
    ? BITMART_REST_RESPONSE_SCHEMAS[normalised]
    : undefined;
}
