import { RejectedError } from '../../platform/errors/exchangeErrors.ts';
import type { KlineQuery, MarketDataRest } from '../port/FuturesExchange.ts';
import type { Contract, Kline, Ticker } from '../port/types.ts';
import { klineWindowOf } from '../rest/klineWindow.ts';
import { contractFromWire, klineFromWire, tickerFromWire } from './mapping/restMarket.ts';
import { instIdOf } from './mapping/symbols.ts';
import { okxBarOfTimeframe } from './protocol/bars.ts';
import type { OkxFundingRate, OkxMarkPrice, OkxTicker } from './protocol/wire/index.ts';
import * as market from './rest/endpoints/publicEndpoints.ts';
import { fetchCandlePages } from './rest/klinePaging.ts';
import type { OkxRestClient } from './rest/OkxRestClient.ts';

/**
 * OKX's public data behind the port's `MarketDataRest`: a contract is an instrument with its
 * ticker, mark price and funding rate (USDT-margined swaps only); a ticker carries the mark price.
 */
export class OkxMarketData implements MarketDataRest {
  readonly venue = 'okx';
  readonly #client: OkxRestClient;

  constructor(client: OkxRestClient) {
    this.#client = client;
  }

  serverTime(): Promise<number> {
    return market.getServerTime(this.#client);
  }

  async contracts(symbol?: string): Promise<readonly Contract[]> {
    const instId = symbol === undefined ? undefined : instIdOf(symbol);
    const instruments = (await market.getInstruments(this.#client, instId)).filter(
      (row) => row.settleCcy === 'USDT' && row.ctType !== 'inverse',
    );
    if (instruments.length === 0) return [];
    const [tickers, marks, funding] = await Promise.all([
      instId ? market.getTicker(this.#client, instId) : market.getTickers(this.#client),
      market.getMarkPrices(this.#client, instId),
      this.#fundingRates(instruments.map((row) => row.instId)),
    ]);
    const tickerOf = new Map<string, OkxTicker>(tickers.map((row) => [row.instId, row]));
    const markOf = new Map<string, OkxMarkPrice>(marks.map((row) => [row.instId, row]));
    return instruments.map((row) => {
      const ticker = tickerOf.get(row.instId);
      const fundingRate = funding.get(row.instId);
      const mark = markOf.get(row.instId);
      return contractFromWire(row, {
        ...(ticker ? { ticker } : {}),
        ...(fundingRate ? { funding: fundingRate } : {}),
        ...(mark ? { mark } : {}),
      });
    });
  }

  async klines(query: KlineQuery): Promise<readonly Kline[]> {
    const { startMs, endMs, limit } = klineWindowOf(query, this.#client.serverClock.current());
    const candles = await fetchCandlePages(this.#client, {
      instId: instIdOf(query.symbol),
      bar: okxBarOfTimeframe(query.timeframe),
      startMs,
      endMs,
      limit,
    });
    return candles.map((candle) => klineFromWire(query.symbol, query.timeframe, candle));
  }

  async ticker(symbol: string): Promise<Ticker> {
    const instId = instIdOf(symbol);
    const [[ticker], [mark]] = await Promise.all([
      market.getTicker(this.#client, instId),
      market.getMarkPrices(this.#client, instId),
    ]);
    if (!ticker) throw new RejectedError(`OKX returned no ticker for ${instId}`);
    return tickerFromWire(ticker, mark);
  }

  /** funding-rate with `instId=ANY` answers every swap at once; one per instrument otherwise. */
  async #fundingRates(instIds: readonly string[]): Promise<Map<string, OkxFundingRate>> {
    const only = instIds.length === 1 ? instIds[0] : undefined;
    let rows: OkxFundingRate[];
    if (only !== undefined) {
      rows = await market.getFundingRate(this.#client, only);
    } else {
      try {
        rows = await market.getFundingRate(this.#client, 'ANY');
      } catch {
        rows = (await Promise.all(instIds.map((instId) => market.getFundingRate(this.#client, instId)))).flat();
      }
    }
    return new Map(rows.map((row) => [row.instId, row]));
  }
}
