import {
  OkxCandleSchema,
  OkxFundingRateSchema,
  OkxInstrumentSchema,
  OkxMarkPriceSchema,
  OkxServerTimeSchema,
  OkxTickerSchema,
} from '../../protocol/wire/index.ts';
import type { OkxRestClient } from '../OkxRestClient.ts';

/**
 * OKX's public REST endpoints (https://www.okx.com/docs-v5/en/#public-data-rest-api,
 * #order-book-trading-market-data): no credentials, limits per IP.
 */

export async function getServerTime(client: OkxRestClient): Promise<number> {
  const [row] = await client.get('/api/v5/public/time', OkxServerTimeSchema);
  return Number(row?.ts);
}

/** USDT-margined and other swaps; one instrument with `instId`. */
export function getInstruments(client: OkxRestClient, instId?: string) {
  return client.get('/api/v5/public/instruments', OkxInstrumentSchema, { instType: 'SWAP', instId });
}

export function getTicker(client: OkxRestClient, instId: string) {
  return client.get('/api/v5/market/ticker', OkxTickerSchema, { instId });
}

export function getTickers(client: OkxRestClient) {
  return client.get('/api/v5/market/tickers', OkxTickerSchema, { instType: 'SWAP' });
}

export function getMarkPrices(client: OkxRestClient, instId?: string) {
  return client.get(
    '/api/v5/public/mark-price',
    OkxMarkPriceSchema,
    { instType: 'SWAP', instId },
    instId ? { instId } : {},
  );
}

export function getFundingRate(client: OkxRestClient, instId: string) {
  return client.get('/api/v5/public/funding-rate', OkxFundingRateSchema, { instId }, { instId });
}

export interface CandleRequest {
  readonly instId: string;
  readonly bar: string;
  /** Rows older than this open time (exclusive). */
  readonly after?: number;
  /** Rows newer than this open time (exclusive). */
  readonly before?: number;
  readonly limit?: number;
}

/** The latest 1,440 bars, newest first. */
export function getCandles(client: OkxRestClient, request: CandleRequest) {
  return client.get('/api/v5/market/candles', OkxCandleSchema, { ...request });
}

/** Older bars ("recent years"), newest first. */
export function getHistoryCandles(client: OkxRestClient, request: CandleRequest) {
  return client.get('/api/v5/market/history-candles', OkxCandleSchema, { ...request });
}
