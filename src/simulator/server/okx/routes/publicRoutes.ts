import { okxBar } from '../../../../exchange/okx/protocol/bars.ts';
import { OKX_CANDLES_MAX_LIMIT } from '../../../../exchange/okx/protocol/wire/market.ts';
import { barWindow, okxBars } from '../candles.ts';
import { type OkxContext, type OkxEndpoint, type OkxInput, publicRead } from '../endpoint.ts';
import { contractOf, limitOf, millisOf, optionalText, requiredText } from '../params.ts';
import { paramError } from '../replies.ts';
import { bookRow, candleRow, fundingRow, instrumentRow, markPriceRow, tickerRow } from '../wire/marketRows.ts';

/** Public data and market data (https://www.okx.com/docs-v5/en/#public-data-rest-api, #order-book-trading-market-data). */
export function publicEndpoints(ctx: OkxContext): OkxEndpoint[] {
  const { market, clock } = ctx;
  const swapsOnly = (input: OkxInput, required: boolean): boolean => {
    const instType = required ? requiredText(input.params, 'instType') : optionalText(input.params, 'instType');
    if (instType !== undefined && !['SPOT', 'MARGIN', 'SWAP', 'FUTURES', 'OPTION'].includes(instType)) {
      throw paramError('instType');
    }
    return instType === undefined || instType === 'SWAP';
  };
  const contracts = (input: OkxInput) => {
    const instId = optionalText(input.params, 'instId');
    return instId === undefined ? market.contracts() : [contractOf(market, instId)];
  };
  const candles = (recentOnly: boolean) => (input: OkxInput) => {
    const contract = contractOf(market, requiredText(input.params, 'instId'));
    const bar = okxBar(optionalText(input.params, 'bar') ?? '1m');
    if (!bar) throw paramError('bar');
    const now = clock.now();
    const after = millisOf(input.params, 'after');
    const before = millisOf(input.params, 'before');
    const limit = limitOf(input.params, 100, OKX_CANDLES_MAX_LIMIT);
    const window = barWindow(bar, now, {
      limit,
      recentOnly,
      ...(after !== undefined && { after }),
      ...(before !== undefined && { before }),
    });
    return okxBars(market, contract.symbol, bar, window.firstOpenMs, window.lastOpenMs, now)
      .slice(0, limit)
      .map(({ candle, confirmed }) => candleRow(contract, candle, confirmed));
  };
  return [
    publicRead('/public/time', () => [{ ts: String(clock.now()) }]),
    publicRead('/public/instruments', (input) => {
      if (!swapsOnly(input, true)) return [];
      const all = market.contracts();
      const listed = contracts(input);
      return listed.map((contract) => instrumentRow(contract, all.indexOf(contract)));
    }),
    publicRead('/public/mark-price', (input) => {
      if (!swapsOnly(input, true)) return [];
      return contracts(input).map((contract) =>
        markPriceRow(contract.symbol, market.markPrice(contract.symbol), clock.now()),
      );
    }),
    publicRead('/public/funding-rate', (input) => {
      const instId = requiredText(input.params, 'instId');
      const listed = instId === 'ANY' ? market.contracts() : [contractOf(market, instId)];
      return listed.map((contract) => fundingRow(contract, market.funding(contract.symbol), clock.now()));
    }),
    publicRead('/market/ticker', (input) => {
      const contract = contractOf(market, requiredText(input.params, 'instId'));
      return [tickerRow(contract, market.ticker(contract.symbol), clock.now())];
    }),
    publicRead('/market/tickers', (input) => {
      if (!swapsOnly(input, true)) return [];
      return market.contracts().map((contract) => tickerRow(contract, market.ticker(contract.symbol), clock.now()));
    }),
    publicRead('/market/books', (input) => {
      const contract = contractOf(market, requiredText(input.params, 'instId'));
      const depth = limitOf({ limit: input.params.sz }, 1, 400);
      return [bookRow(market.book(contract.symbol, depth))];
    }),
    publicRead('/market/candles', candles(true)),
    publicRead('/market/history-candles', candles(false)),
  ];
}
