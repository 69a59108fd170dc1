import type {
  BitmartContractDetailsList,
  BitmartDepth,
  BitmartFundingRate,
  BitmartKlineList,
  BitmartServerTime,
} from '../../protocol/wire/index.ts';
import type { BitmartRestClient } from '../BitmartRestClient.ts';

/** Public endpoints, NONE auth, per-IP limits (docs/reference/bitmart-wire.md#public-endpoints, #rate-limits). */

/** GET /system/time (bitmart-wire.md#system-time) → server time in ms. */
export function getSystemTime(client: BitmartRestClient): Promise<BitmartServerTime> {
  return client.get('/system/time', 'none');
}

/** GET /contract/public/details (bitmart-wire.md#contract-details): one contract, or all when `symbol` is omitted. */
export function getContractDetails(client: BitmartRestClient, symbol?: string): Promise<BitmartContractDetailsList> {
  return client.get('/contract/public/details', 'none', { symbol });
}

export type BitmartKlineRequest = {
  readonly symbol: string;
  /** Minutes: 1, 3, 5, 15, 30, 60, 120, 240, 360, 720, 1440, 4320, 10080. */
  readonly step: number;
  /** Unix seconds, both required; at most 500 candles come back. */
  readonly start_time: number;
  readonly end_time: number;
};

/** GET /contract/public/kline (bitmart-wire.md#klines): ascending candles, `timestamp` in seconds. */
export function getKlines(client: BitmartRestClient, request: BitmartKlineRequest): Promise<BitmartKlineList> {
  return client.get('/contract/public/kline', 'none', request);
}

/** GET /contract/public/depth (bitmart-wire.md#depth): up to 50 levels a side, `[price, size, cumulative]`. */
export function getDepth(client: BitmartRestClient, symbol: string): Promise<BitmartDepth> {
  return client.get('/contract/public/depth', 'none', { symbol });
}

/** GET /contract/public/funding-rate (bitmart-wire.md#funding-rate): previous and expected rate, next settlement. */
export function getFundingRate(client: BitmartRestClient, symbol: string): Promise<BitmartFundingRate> {
  return client.get('/contract/public/funding-rate', 'none', { symbol });
}
