import type { TimerHandle } from '../../platform/clock/index.ts';
import type { Dec } from '../../platform/decimal/index.ts';
import type { ExecutionContext, Quote } from './context.ts';
import type { EntryRecord } from './records.ts';
import { fallbackTakerPrice } from './tradePlan.ts';

/** What the fallback needs of the entry monitor. */
export interface FallbackHost {
  /** Cancels the entry's live maker order; its end comes back through `makerEnded`. */
  cancelLive(entry: EntryRecord): void;
  /** Sends the taker entry (a limit IOC at `price`) now. */
  submitTaker(entry: EntryRecord, price: Dec): void;
  /** True while an order of the entry may be live or its submit is in flight. */
  busy(entry: EntryRecord): boolean;
}

/**
 * Maker first, taker near the end of the zone's life (`fallback_end_of_zone` of the request).
 * Once the entry's timeout is within `secondsBeforeEnd`, nothing has filled, and the rule's
 * conditions hold (price in the zone, spread within the limit), the maker order is canceled and,
 * once the venue says it ended unfilled, a limit IOC goes out at the touch moved by at most the
 * slippage. Never two live entry orders: the taker waits for the maker's end. A refusal leaves the
 * maker path as it is; the rule is checked again on every price event of the window.
 */
export class EntryFallback {
  readonly #context: ExecutionContext;
  readonly #host: FallbackHost;
  readonly #timers = new Map<string, TimerHandle>();
  /** Entries whose maker order is being canceled for a taker. */
  readonly #switching = new Set<string>();
  /** The last reason the taker was refused, per entry (logged when it changes, shown in the status). */
  readonly #refused = new Map<string, string>();

  constructor(context: ExecutionContext, host: FallbackHost) {
    this.#context = context;
    this.#host = host;
  }

  /** Checks the rule when the window opens, even if no price event comes then. */
  track(entry: EntryRecord, evaluate: () => void): void {
    const rule = entry.fallback;
    if (!rule) return;
    const { clock } = this.#context;
    const delay = Math.max(0, this.#windowStart(entry) - clock.now());
    this.#timers.set(entry.id, clock.setTimeout(evaluate, delay));
  }

  untrack(entry: EntryRecord): void {
    this.#context.clock.clearTimer(this.#timers.get(entry.id));
    this.#timers.delete(entry.id);
    this.#switching.delete(entry.id);
    this.#refused.delete(entry.id);
  }

  /**
   * Hot path: true when the fallback acted (the maker's cancel, or the taker's submit), so the
   * maker path must not; false when it does not apply now.
   */
  onPrice(entry: EntryRecord, quote: Quote, now: number): boolean {
    const rule = entry.fallback;
    const tick = this.#context.contracts.get(entry.symbol)?.tickSize;
    if (!rule || !tick || now < this.#windowStart(entry) || this.#context.store.positions.has(entry.id)) return false;
    if (this.#switching.has(entry.id)) return true; // the maker's end is awaited
    const zone = { min: entry.zoneMin, max: entry.zoneMax };
    const decision = fallbackTakerPrice(entry.side, quote, zone, rule, tick);
    if (!decision.ok) {
      this.#refuse(entry, decision.reason);
      return false;
    }
    this.#refused.delete(entry.id);
    if (entry.order) {
      if (this.#host.busy(entry)) return true;
      this.#switching.add(entry.id);
      this.#context.logger.info({ id: entry.id }, 'end of the zone near: canceling the maker entry for a taker');
      this.#host.cancelLive(entry);
      return true;
    }
    if (this.#host.busy(entry)) return true;
    this.#context.logger.info(
      { id: entry.id, price: decision.price.toFixed(), spreadBps: decision.spreadBps.toFixed(2) },
      'end of the zone near: taker entry',
    );
    this.#host.submitTaker(entry, decision.price);
    return true;
  }

  /** The maker order ended unfilled: if it was canceled for a taker, the rule is checked again now. */
  makerEnded(entry: EntryRecord): void {
    if (!this.#switching.delete(entry.id)) return;
    const quote = this.#context.quotes.get(entry.symbol);
    if (quote) this.onPrice(entry, quote, this.#context.clock.now());
  }

  /** For `GET /api/orders/status`. */
  state(entry: EntryRecord): string | null {
    if (!entry.fallback) return null;
    if (this.#switching.has(entry.id)) return 'switching to taker';
    const refused = this.#refused.get(entry.id);
    if (refused) return `refused: ${refused}`;
    return this.#context.clock.now() >= this.#windowStart(entry) ? 'open' : 'armed';
  }

  #windowStart(entry: EntryRecord): number {
    return entry.timeoutAt - (entry.fallback?.secondsBeforeEnd ?? 0) * 1_000;
  }

  #refuse(entry: EntryRecord, reason: string): void {
    const before = this.#refused.get(entry.id);
    this.#refused.set(entry.id, reason);
    // Logged when the kind of refusal changes, not on every price that moves the spread.
    const kind = (text: string | undefined) => text?.replace(/[\d.]+/g, '#');
    if (kind(before) !== kind(reason))
      this.#context.logger.info({ id: entry.id, reason }, 'end of the zone near: no taker entry');
  }
}
