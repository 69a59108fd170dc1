import type { Account } from './Account.ts';
import { type OrderRecord, orderSnapshot } from './records.ts';
import type { EngineEvent, OrderAction, SimAsset, SimPosition } from './types.ts';

type Listener = (event: EngineEvent) => void;

/**
 * Order events go out at once, in the order things happen (submit before fills). Position and
 * asset events are coalesced: operations mark what they touched and `flush()` at the end of each
 * command, tick or timer sends one position event per (account, symbol) and one asset event per
 * account, so that a client never sees a half-applied fill.
 */
export class EventBus {
  readonly #listeners = new Set<Listener>();
  readonly #dirty = new Map<Account, Set<string>>();
  readonly #positionsOf: (account: Account, symbol: string) => readonly SimPosition[];
  readonly #assetOf: (account: Account) => SimAsset;
  readonly #onListenerError: (error: unknown) => void;

  constructor(options: {
    positionsOf: (account: Account, symbol: string) => readonly SimPosition[];
    assetOf: (account: Account) => SimAsset;
    onListenerError: (error: unknown) => void;
  }) {
    this.#positionsOf = options.positionsOf;
    this.#assetOf = options.assetOf;
    this.#onListenerError = options.onListenerError;
  }

  subscribe(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  order(account: Account, action: OrderAction, order: OrderRecord): void {
    this.#emit({ kind: 'order', accountId: account.id, action, order: orderSnapshot(order) });
  }

  /** Marks that `account`'s positions on `symbol` and its balance may have changed. */
  touch(account: Account, symbol: string): void {
    let symbols = this.#dirty.get(account);
    if (!symbols) {
      symbols = new Set();
      this.#dirty.set(account, symbols);
    }
    symbols.add(symbol);
  }

  flush(): void {
    while (this.#dirty.size > 0) {
      const batch = [...this.#dirty];
      this.#dirty.clear();
      for (const [account, symbols] of batch) {
        for (const symbol of symbols) {
          this.#emit({ kind: 'position', accountId: account.id, positions: this.#positionsOf(account, symbol) });
        }
        this.#emit({ kind: 'asset', accountId: account.id, asset: this.#assetOf(account) });
      }
    }
  }

  // A listener that throws must not leave the engine half-way through a fill.
  #emit(event: EngineEvent): void {
    for (const listener of this.#listeners) {
      try {
        listener(event);
      } catch (error) {
        this.#onListenerError(error);
      }
    }
  }
}
