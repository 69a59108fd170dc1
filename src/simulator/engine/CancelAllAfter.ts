import { BitmartCodes } from '../../exchange/bitmart/protocol/codes.ts';
import type { TimerHandle } from '../../platform/clock/index.ts';
import type { Account } from './Account.ts';
import type { EngineContext } from './context.ts';
import type { EngineResult } from './types.ts';
import { fail, ok } from './validation.ts';

/** BitMart refuses dead-man timeouts shorter than this (docs/reference/bitmart-wire.md#cancel-all-after). */
const MINIMUM_TIMEOUT_SECONDS = 5;

/**
 * The dead-man switch of `cancel-all-after`: one real clock timer per (account, symbol); calling
 * again resets the deadline, 0 disables it.
 */
export class CancelAllAfter {
  readonly #context: EngineContext;
  readonly #cancelAll: (account: Account, symbol: string) => void;
  readonly #timers = new Map<string, TimerHandle>();

  constructor(context: EngineContext, cancelAll: (account: Account, symbol: string) => void) {
    this.#context = context;
    this.#cancelAll = cancelAll;
  }

  set(
    account: Account,
    symbol: string,
    timeoutSeconds: number,
  ): EngineResult<{ result: boolean; setTime: number; cancelTime: number }> {
    const { clock, market } = this.#context;
    if (!market.contract(symbol)) return fail(BitmartCodes.contractNotFound);
    if (!Number.isInteger(timeoutSeconds) || timeoutSeconds < 0) return fail(BitmartCodes.invalidParameter);
    if (timeoutSeconds !== 0 && timeoutSeconds < MINIMUM_TIMEOUT_SECONDS) return fail(BitmartCodes.invalidParameter);
    const key = `${account.id}:${symbol}`;
    clock.clearTimer(this.#timers.get(key));
    this.#timers.delete(key);
    const setTime = Math.floor(clock.now() / 1000);
    if (timeoutSeconds === 0) return ok({ result: true, setTime, cancelTime: 0 });
    const handle = clock.setTimeout(() => {
      this.#timers.delete(key);
      this.#cancelAll(account, symbol);
    }, timeoutSeconds * 1000);
    this.#timers.set(key, handle);
    return ok({ result: true, setTime, cancelTime: setTime + timeoutSeconds });
  }

  stop(): void {
    for (const handle of this.#timers.values()) this.#context.clock.clearTimer(handle);
    this.#timers.clear();
  }
}
