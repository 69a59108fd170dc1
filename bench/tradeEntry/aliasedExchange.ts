import type { FuturesExchange } from '../../src/exchange/port/FuturesExchange.ts';

/**
 * The venue seen through the bench's aliases: `BTC07USDT` is the simulator's `BTCUSDT` under
 * another name (the 200 symbols of the MTF benchmarks are its 10 contracts × 20 names). Contract
 * and ticker reads answer for the contract behind the alias, under the alias; everything else
 * goes to the venue unchanged.
 */
export function aliasedExchange(exchange: FuturesExchange): FuturesExchange {
  const contractOf = (alias: string) => alias.replace(/\d{2}USDT$/, 'USDT');
  const contracts: FuturesExchange['contracts'] = async (symbol) => {
    if (symbol === undefined) return exchange.contracts();
    return (await exchange.contracts(contractOf(symbol))).map((contract) => ({ ...contract, symbol }));
  };
  const ticker: FuturesExchange['ticker'] = async (symbol) => ({
    ...(await exchange.ticker(contractOf(symbol))),
    symbol,
  });
  return new Proxy(exchange, {
    get(target, key) {
      if (key === 'contracts') return contracts;
      if (key === 'ticker') return ticker;
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
