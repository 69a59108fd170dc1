import type { OkxCandle } from '../protocol/wire/index.ts';
import { OKX_CANDLES_MAX_LIMIT } from '../protocol/wire/index.ts';
import { getCandles, getHistoryCandles } from './endpoints/publicEndpoints.ts';
import type { OkxRestClient } from './OkxRestClient.ts';

/**
 * Candles of `[startMs, endMs]` (open times), at most `limit`, the latest ones, ascending. OKX
 * serves 300 a request, newest first, paged with `after` (strictly older than a bar's open time);
 * `market/candles` holds the latest 1,440 bars and `market/history-candles` the older ones, so a
 * page that comes back empty from the first is asked again from the second.
 */
export async function fetchCandlePages(
  client: OkxRestClient,
  request: { instId: string; bar: string; startMs: number; endMs: number; limit: number },
): Promise<OkxCandle[]> {
  const collected: OkxCandle[] = [];
  let cursor = request.endMs + 1;
  let history = false;
  while (collected.length < request.limit) {
    const page = { instId: request.instId, bar: request.bar, after: cursor, limit: OKX_CANDLES_MAX_LIMIT };
    const rows = history ? await getHistoryCandles(client, page) : await getCandles(client, page);
    if (rows.length === 0) {
      if (history) break;
      history = true;
      continue;
    }
    let oldest = cursor;
    for (const row of rows) {
      const openTime = Number(row[0]);
      oldest = Math.min(oldest, openTime);
      if (openTime >= request.startMs && openTime <= request.endMs) collected.push(row);
    }
    if (oldest <= request.startMs || oldest >= cursor) break;
    cursor = oldest;
  }
  collected.sort((a, b) => Number(a[0]) - Number(b[0]));
  const unique = collected.filter((row, index) => index === 0 || row[0] !== collected[index - 1]?.[0]);
  return unique.slice(Math.max(0, unique.length - request.limit));
}
