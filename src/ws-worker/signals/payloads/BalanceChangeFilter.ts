import type { Balance } from '../../../exchange/port/types.ts';

/**
 * Sends a balance only when it changed, as the PHP worker did: the first balance, then any whose
 * available, frozen or equity amount differs from the last one sent. Compared as decimals, so
 * "10.50" and "10.5" are the same balance (the PHP string comparison sent both).
 */
export class BalanceChangeFilter {
  readonly #lastSent = new Map<string, Balance>();

  /** True when `balance` should be sent. */
  differs(balance: Balance): boolean {
    const last = this.#lastSent.get(balance.currency.toUpperCase());
    if (!last) return true;
    return !(last.available.eq(balance.available) && last.frozen.eq(balance.frozen) && last.equity.eq(balance.equity));
  }

  /** Call once the signal is enqueued (durable): a failed enqueue leaves the balance unsent. */
  remember(balance: Balance): void {
    this.#lastSent.set(balance.currency.toUpperCase(), balance);
  }

  /** Forgets everything, e.g. after a resync, so that the next balance is sent whatever it is. */
  reset(): void {
    this.#lastSent.clear();
  }
}
