import type { TimerHandle } from '../../platform/clock/index.ts';
import { Dec } from '../../platform/decimal/index.ts';
import type { Account } from './Account.ts';
import { type EngineContext, specOf } from './context.ts';
import { money, notional } from './money.ts';
import type { PositionRecord } from './records.ts';

const HOUR_MS = 3_600_000;

/**
 * Funding settlement on clock timers at the market's `nextFundingTime`. Each position pays or
 * receives rate × mark notional (longs pay when the rate is positive). A payer short of available
 * balance pays the rest from the position's margin; what even that cannot cover is waived (the
 * ledger records what was actually paid), so no balance ever turns negative.
 */
export class Funding {
  readonly #context: EngineContext;
  readonly #accounts: () => Iterable<Account>;
  readonly #afterSettle: (symbol: string) => void;
  readonly #timers = new Map<string, TimerHandle>();

  constructor(context: EngineContext, accounts: () => Iterable<Account>, afterSettle: (symbol: string) => void) {
    this.#context = context;
    this.#accounts = accounts;
    this.#afterSettle = afterSettle;
  }

  start(): void {
    for (const spec of this.#context.market.contracts()) this.#schedule(spec.symbol, undefined);
  }

  stop(): void {
    for (const handle of this.#timers.values()) this.#context.clock.clearTimer(handle);
    this.#timers.clear();
  }

  #schedule(symbol: string, fallbackAt: number | undefined): void {
    const { clock, market } = this.#context;
    const now = clock.now();
    const announced = market.funding(symbol).nextFundingTime;
    const intervalMs = specOf(this.#context, symbol).fundingIntervalHours * HOUR_MS;
    const at = announced > now ? announced : (fallbackAt ?? now + intervalMs);
    this.#timers.set(
      symbol,
      clock.setTimeout(() => this.#settle(symbol), at - now),
    );
  }

  /**
   * Settles `symbol` now, off its schedule, at the rate expected for the current period (the
   * admin API's way to make funding happen in a test or a demo); the scheduled settlements go on
   * unchanged. Returns the rate applied.
   */
  settleNow(symbol: string): Dec {
    const rate = this.#context.market.funding(symbol).expectedRate;
    this.#payAll(symbol, rate);
    this.#afterSettle(symbol);
    return rate;
  }

  #settle(symbol: string): void {
    const { clock, market } = this.#context;
    const now = clock.now();
    const info = market.funding(symbol);
    // Whether the market rolled its funding period before or after our timer ran at this instant.
    const rolled = info.nextFundingTime > now;
    this.#payAll(symbol, rolled ? info.rate : info.expectedRate);
    this.#schedule(symbol, now + specOf(this.#context, symbol).fundingIntervalHours * HOUR_MS);
    this.#afterSettle(symbol);
  }

  #payAll(symbol: string, rate: Dec): void {
    const { clock, market } = this.#context;
    const now = clock.now();
    const mark = market.markPrice(symbol);
    const spec = specOf(this.#context, symbol);
    for (const account of this.#accounts()) {
      for (const position of account.openPositions(symbol)) {
        const amount = money(rate.mul(notional(mark, position.amount, spec.contractSize)));
        this.#pay(account, position, position.positionType === 1 ? amount.neg() : amount, now);
      }
    }
  }

  #pay(account: Account, position: PositionRecord, delta: Dec, now: number): void {
    const tranId = () => this.#context.ids.transaction();
    if (delta.isZero()) return;
    if (delta.isPositive()) {
      account.book(3, position.symbol, delta, now, tranId);
    } else {
      const due = delta.neg();
      const fromAvailable = Dec.min(due, Dec.max(account.available, 0));
      const fromMargin = Dec.min(due.minus(fromAvailable), position.margin);
      position.margin = position.margin.minus(fromMargin);
      account.available = account.available.plus(fromMargin);
      account.book(3, position.symbol, fromAvailable.plus(fromMargin).neg(), now, tranId);
    }
    this.#context.events.touch(account, position.symbol);
  }
}
