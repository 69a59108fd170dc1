import type { FuturesExchange, MarketDataRest } from '../../exchange/port/FuturesExchange.ts';
import type { Contract } from '../../exchange/port/types.ts';
import type { Dec } from '../../platform/decimal/index.ts';
import { InvalidRequestError } from '../../platform/errors/exchangeErrors.ts';
import { STANDARD_TAKER_FEE_RATE } from './planner/fees.ts';
import type { PlanInput } from './planner/TradePlan.ts';

/** What the venue says right before a plan: the contract, the top of the book, the account. */
export interface Preflight {
  readonly contract: Contract;
  readonly book: PlanInput['book'];
  readonly account: PlanInput['account'];
  /** What the exchange holds now, for the risk gate: a position or order made by hand counts too. */
  readonly exposure: {
    readonly positionSymbols: readonly string[];
    readonly orderSymbols: readonly string[];
    readonly unrealizedPnl: Dec;
  };
}

/** A venue read that failed or said something unusable: the decision is an `error`, nothing is sent. */
export class PreflightError extends Error {
  override readonly name: string = 'PreflightError';
}

/** The venue lists no such contract: for a caller that named the symbol, its input was wrong. */
export class UnknownSymbolError extends PreflightError {
  override readonly name = 'UnknownSymbolError';
}

/**
 * The venue's contract of `symbol`. The venue refusing the query as invalid (BitMart 40034 "the
 * contract does not exist") says the same as an empty list: the symbol is no contract of it.
 */
export async function listedContract(exchange: Pick<MarketDataRest, 'contracts'>, symbol: string): Promise<Contract> {
  const contracts = await exchange.contracts(symbol).catch((error: unknown) => {
    if (error instanceof InvalidRequestError) return [];
    throw error;
  });
  const contract = contracts.find((candidate) => candidate.symbol === symbol);
  if (!contract) throw new UnknownSymbolError(`the venue lists no contract ${symbol}`);
  return contract;
}

/**
 * `reads` in parallel with the contract of `symbol`. When the symbol is no contract, that is the
 * error, whichever read failed first (a venue refuses the ticker of an unknown symbol too).
 */
export async function alongContract<T>(
  exchange: Pick<MarketDataRest, 'contracts'>,
  symbol: string,
  reads: Promise<T>,
): Promise<[Contract, T]> {
  const [contract, rest] = await Promise.allSettled([listedContract(exchange, symbol), reads]);
  if (contract.status === 'rejected') throw contract.reason;
  if (rest.status === 'rejected') throw rest.reason;
  return [contract.value, rest.value];
}

/**
 * Reference: pivox/tradingV3 `PreTradeChecks`: contract details, the book's best bid and ask, the
 * mark, the available USDT. Read in parallel with the positions and open orders, for the equity
 * basis's share of margin and the risk gate.
 */
export async function preflight(exchange: FuturesExchange, symbol: string): Promise<Preflight> {
  const [contract, [ticker, balances, positions, orders]] = await alongContract(
    exchange,
    symbol,
    Promise.all([exchange.ticker(symbol), exchange.balances(), exchange.positions(), exchange.openOrders()]),
  );
  const { bestBid, bestAsk } = ticker;
  if (!bestBid || !bestAsk) throw new PreflightError(`the venue gives no best bid and ask for ${symbol}`);
  const usdt = balances.find((balance) => balance.currency.toUpperCase() === 'USDT');
  if (!usdt) throw new PreflightError('the venue reports no USDT balance');
  return {
    contract,
    book: { bid: bestBid, ask: bestAsk, mark: ticker.markPrice ?? ticker.indexPrice ?? ticker.lastPrice },
    account: {
      available: usdt.available,
      equity: usdt.equity,
      openPositions: new Set(positions.map((position) => position.symbol)).size,
      takerFeeRate: STANDARD_TAKER_FEE_RATE,
    },
    exposure: {
      positionSymbols: [...new Set(positions.map((position) => position.symbol))],
      orderSymbols: [...new Set(orders.map((order) => order.symbol))],
      unrealizedPnl: usdt.unrealizedPnl,
    },
  };
}
