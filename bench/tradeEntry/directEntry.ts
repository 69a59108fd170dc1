import type { BitmartFuturesExchange } from '../../src/exchange/bitmart/BitmartFuturesExchange.ts';
import type { Clock } from '../../src/platform/clock/index.ts';
import { Dec } from '../../src/platform/decimal/index.ts';
import type { TradeEntryProfile } from '../../src/trading-app/trade-entry/config/TradeEntryProfile.ts';
import { planInputFrom } from '../../src/trading-app/trade-entry/planInputFrom.ts';
import { STANDARD_TAKER_FEE_RATE } from '../../src/trading-app/trade-entry/planner/fees.ts';
import { planTrade } from '../../src/trading-app/trade-entry/planner/planTrade.ts';
import type { MarketSnapshot, TradeEntryRequest } from '../../src/trading-app/trade-entry/TradeEntry.ts';
import type { OrderArrivals } from './OrderArrivals.ts';

export type Decision = TradeEntryRequest & { readonly market: MarketSnapshot };

/** An entry order on its way: when it was decided, and the events of its arrival and of its end. */
export interface PlacedEntry {
  readonly decidedAtMicros: number;
  readonly arrivalMicros: Promise<number>;
  /** Cancels a resting entry and resolves once the venue says it is over. */
  cancel(): Promise<void>;
}

/**
 * The original's way from a decision to its order (pivox/tradingV3 `TradeEntryService::
 * buildAndExecute`, `ExecutionBox`): its preflight (contract, book, balance), the plan, then
 * set-leverage and submit-order (a limit GTC with the stop and the last target as presets) straight
 * from the app over REST: no trade record, no risk gate, no worker. The plan is ours (`planTrade`),
 * so that both paths place the same order.
 */
export async function placeDirectly(
  exchange: BitmartFuturesExchange,
  clock: Clock,
  arrivals: OrderArrivals,
  request: Decision,
  profile: TradeEntryProfile,
): Promise<PlacedEntry> {
  const { symbol } = request;
  const clientOrderId = `direct${request.klineTime / 60_000}`;
  const arrived = arrivals.arrival(clientOrderId);
  const finished = arrivals.finished(clientOrderId);
  const decidedAtMicros = clock.monotonicMicros();
  const [contracts, ticker, balances] = await Promise.all([
    exchange.contracts(symbol),
    exchange.ticker(symbol),
    exchange.balances(),
  ]);
  const contract = contracts.find((candidate) => candidate.symbol === symbol);
  const usdt = balances.find((balance) => balance.currency === 'USDT');
  if (!contract || !ticker.bestBid || !ticker.bestAsk || !usdt) throw new Error(`no preflight for ${symbol}`);
  const venue = {
    contract,
    book: { bid: ticker.bestBid, ask: ticker.bestAsk, mark: ticker.markPrice ?? ticker.lastPrice },
    account: {
      available: usdt.available,
      equity: usdt.equity,
      openPositions: 0,
      takerFeeRate: STANDARD_TAKER_FEE_RATE,
    },
    exposure: { positionSymbols: [], orderSymbols: [], unrealizedPnl: new Dec(0) },
  };
  const outcome = planTrade(planInputFrom(request, venue, profile));
  if (outcome.status !== 'planned') throw new Error(`the direct path skipped ${symbol}: ${outcome.reason}`);
  const { plan } = outcome;
  const target = plan.targets.at(-1);
  await exchange.setLeverage(symbol, new Dec(plan.leverage), plan.marginMode);
  await exchange.submitOrder({
    symbol,
    clientOrderId,
    side: plan.side === 'long' ? 'open_long' : 'open_short',
    type: 'limit',
    price: plan.entry,
    size: plan.size,
    timeInForce: 'gtc',
    leverage: new Dec(plan.leverage),
    marginMode: plan.marginMode,
    stopLoss: { triggerPrice: plan.stop, priceSource: 'last' },
    ...(target ? { takeProfit: { triggerPrice: target.price, priceSource: 'last' as const } } : {}),
  });
  return {
    decidedAtMicros,
    arrivalMicros: arrived.then((order) => {
      if (order.dealSize > 0) throw new Error(`the direct entry ${clientOrderId} filled: the bench expects it to rest`);
      return order.arrivalMicros;
    }),
    async cancel() {
      await exchange.cancelOrder({ symbol, clientOrderId });
      await finished;
    },
  };
}
