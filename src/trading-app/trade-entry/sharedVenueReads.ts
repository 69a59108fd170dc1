import type { FuturesExchange } from '../../exchange/port/FuturesExchange.ts';
import type { Clock } from '../../platform/clock/index.ts';

/** What a preflight reads of the venue. */
export type PreflightReads = Pick<FuturesExchange, 'contracts' | 'ticker' | 'balances' | 'positions' | 'openOrders'>;

/** The account-wide reads are shared this long: the decisions of one run ask within it. */
const ACCOUNT_READ_MS = 1_000;
/** Contract specifications change rarely (a new tick size, a delisting): a minute is fresh enough. */
const CONTRACT_READ_MS = 60_000;

/**
 * The venue reads of every decision's preflight, with the account-wide ones (balances, positions,
 * open orders) and the contract details shared for a moment: a run's 40-60 READY symbols each read
 * them, and a real venue allows a few such requests a second (BitMart: positions 6 per 2 s), so
 * unshared they took longer than the minute between runs. A failed read is not kept. The ticker
 * is the symbol's own and always fresh. Our own entries sent meanwhile are in the trade records,
 * which the limits read, so a second-old account view refuses nothing it should have allowed.
 */
export function sharedVenueReads(exchange: PreflightReads, clock: Clock): PreflightReads {
  const shared = <T>(ttlMs: number, read: (key: string) => Promise<T>) => {
    const kept = new Map<string, { at: number; value: Promise<T> }>();
    return (key: string): Promise<T> => {
      const now = clock.now();
      const hit = kept.get(key);
      if (hit && now - hit.at < ttlMs) return hit.value;
      const value = read(key);
      kept.set(key, { at: now, value });
      value.catch(() => {
        if (kept.get(key)?.value === value) kept.delete(key);
      });
      return value;
    };
  };
  const contracts = shared(CONTRACT_READ_MS, (symbol) => exchange.contracts(symbol || undefined));
  const balances = shared(ACCOUNT_READ_MS, () => exchange.balances());
  const positions = shared(ACCOUNT_READ_MS, (symbol) => exchange.positions(symbol || undefined));
  const openOrders = shared(ACCOUNT_READ_MS, (symbol) => exchange.openOrders(symbol || undefined));
  return {
    contracts: (symbol) => contracts(symbol ?? ''),
    ticker: (symbol) => exchange.ticker(symbol),
    balances: () => balances(''),
    positions: (symbol) => positions(symbol ?? ''),
    openOrders: (symbol) => openOrders(symbol ?? ''),
  };
}
