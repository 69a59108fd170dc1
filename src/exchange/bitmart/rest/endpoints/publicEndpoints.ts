import type {
  BitmartContractDetailsList,
  BitmartDepth,
  BitmartFundingRate,
  BitmartKlineList,
  BitmartServerTime,
} from '../../protocol/wire/index.ts';
import type { BitmartRestClient } from '../BitmartRestClient.ts';

/** Public endpoints, NONE auth, per-IP limits (bitmart-api.md §3.1, §2.7). */

/** §3.1 GET /system/time → server time in ms. */
export function getSystemTime(client: BitmartRestClient): Promise<BitmartServerTime> {
  return client.get('/system/time', 'none');
}

/** §3.1 GET /contract/public/details: one contract, or all when `symbol` is omitted. */
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

/** §3.1 GET /contract/public/kline: ascending candles, `timestamp` in seconds. */
export function getKlines(client: BitmartRestClient, request: BitmartKlineRequest): Promise<BitmartKlineList> {
  return client.get('/contract/public/kline', 'none', request);
}

/** §3.1 GET /contract/public/depth: up to 50 levels a side, `[price, size, cumulative]`. */
export function getDepth(client: BitmartRestClient, symbol: string): Promise<BitmartDepth> {
  return client.get('/contract/public/depth', 'none', { symbol });
}

/** §3.1 GET /contract/public/funding-rate: previous and expected rate, next settlement. */
export function getFundingRate(client: BitmartRestClient, symbol: string): Promise<BitmartFundingRate> {
  return client.get('/contract/public/funding-rate', 'none', { symbol });
}
