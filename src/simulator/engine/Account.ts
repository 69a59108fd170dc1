import { Dec, ZERO } from '../../platform/decimal/index.ts';
import type { ContractSpec } from '../market/types.ts';
import { emptyPosition, type OrderRecord, type PlanRecord, type PositionRecord } from './records.ts';
import type {
  FlowType,
  LedgerFillRef,
  OpenType,
  PositionMode,
  PositionType,
  SimFill,
  SimTransaction,
} from './types.ts';

/** Leverage an account starts with on every symbol and margin mode (capped by the contract's maximum). */
export const DEFAULT_LEVERAGE = new Dec(10);
/** Margin mode used when an order does not name one and none was set (ccxt's default too). */
export const DEFAULT_OPEN_TYPE: OpenType = 'cross';
/** Finished orders and fills kept per account for the history endpoints (BitMart serves at most 200). */
const HISTORY_LIMIT = 5000;

const FLOW_NAMES: Record<FlowType, string> = {
  1: 'Transfer',
  2: 'Realized PNL',
  3: 'Funding Fee',
  4: 'Commission Fee',
  5: 'Liquidation Clearance',
};

/**
 * One futures account. Its USDT wallet is split into `available`, `frozen` (held by open orders)
 * and the positions' margins (`position_deposit`); moving money between those buckets is not a
 * balance change, while every change of their sum goes through `book()` and lands in the ledger.
 */
export class Account {
  readonly id: string;
  readonly apiKey: string;
  readonly apiSecret: string;
  readonly apiMemo: string;
  readonly initialBalance: Dec;
  positionMode: PositionMode;
  available: Dec;
  frozen: Dec = ZERO;
  readonly ledger: SimTransaction[] = [];
  readonly fills: SimFill[] = [];
  /** Every order still kept, in creation order. */
  readonly orders = new Map<string, OrderRecord>();
  readonly plans = new Map<string, PlanRecord>();
  readonly #positions = new Map<string, PositionRecord>();
  readonly #leverage = new Map<string, Dec>();
  readonly #openType = new Map<string, OpenType>();
  /** initialBalance + Σ ledger. */
  #balance: Dec;

  constructor(
    id: string,
    keys: { apiKey: string; apiSecret: string; apiMemo: string },
    balance: Dec,
    mode: PositionMode,
  ) {
    this.id = id;
    this.apiKey = keys.apiKey;
    this.apiSecret = keys.apiSecret;
    this.apiMemo = keys.apiMemo;
    this.initialBalance = balance;
    this.available = balance;
    this.#balance = balance;
    this.positionMode = mode;
  }

  /** Adds a signed amount to `available` and records it; zero amounts leave no ledger row. */
  book(
    flowType: FlowType,
    symbol: string,
    amount: Dec,
    time: number,
    tranId: () => string,
    fill?: LedgerFillRef,
  ): void {
    if (amount.isZero()) return;
    this.available = this.available.plus(amount);
    this.#balance = this.#balance.plus(amount);
    this.ledger.push({
      tranId: tranId(),
      symbol,
      flowType,
      type: FLOW_NAMES[flowType],
      amount,
      asset: 'USDT',
      time,
      balance: this.#balance,
      ...(fill && { fill }),
    });
  }

  /**
   * The insurance fund tops `available` back up to zero when a loss exceeded what the account
   * held (only possible on a gap through the liquidation price); recorded as liquidation clearance.
   */
  coverShortfall(symbol: string, time: number, tranId: () => string, fill?: LedgerFillRef): void {
    if (this.available.isNegative()) this.book(5, symbol, this.available.neg(), time, tranId, fill);
  }

  positionDeposit(): Dec {
    let total = ZERO;
    for (const position of this.#positions.values()) total = total.plus(position.margin);
    return total;
  }

  /** The record of one side of a symbol, created flat on first use. */
  position(spec: ContractSpec, positionType: PositionType): PositionRecord {
    const key = `${spec.symbol}:${positionType}`;
    let position = this.#positions.get(key);
    if (!position) {
      const openType = this.openTypeFor(spec.symbol);
      position = emptyPosition(spec.symbol, positionType, this.leverageFor(spec, openType), openType);
      this.#positions.set(key, position);
    }
    return position;
  }

  existingPosition(symbol: string, positionType: PositionType): PositionRecord | undefined {
    return this.#positions.get(`${symbol}:${positionType}`);
  }

  /** Positions that hold contracts. */
  openPositions(symbol?: string): PositionRecord[] {
    return [...this.#positions.values()].filter((p) => p.amount > 0 && (symbol === undefined || p.symbol === symbol));
  }

  leverageFor(spec: ContractSpec, openType: OpenType): Dec {
    const stored = this.#leverage.get(`${spec.symbol}:${openType}`);
    return stored ?? Dec.min(DEFAULT_LEVERAGE, spec.maxLeverage);
  }

  openTypeFor(symbol: string): OpenType {
    return this.#openType.get(symbol) ?? DEFAULT_OPEN_TYPE;
  }

  setLeverage(symbol: string, openType: OpenType, leverage: Dec): void {
    this.#leverage.set(`${symbol}:${openType}`, leverage);
    this.#openType.set(symbol, openType);
  }

  addOrder(order: OrderRecord): void {
    this.orders.set(order.orderId, order);
    if (this.orders.size > HISTORY_LIMIT) this.#pruneFinishedOrder();
  }

  addFill(fill: SimFill): void {
    this.fills.push(fill);
    if (this.fills.length > HISTORY_LIMIT) this.fills.shift();
  }

  #pruneFinishedOrder(): void {
    for (const [id, order] of this.orders) {
      if (order.state === 4) {
        this.orders.delete(id);
        return;
      }
    }
  }
}
