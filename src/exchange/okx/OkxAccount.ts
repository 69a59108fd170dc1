import { Dec, toWire } from '../../platform/decimal/index.ts';
import { InvalidRequestError, RejectedError } from '../../platform/errors/exchangeErrors.ts';
import type { TradingRest } from '../port/FuturesExchange.ts';
import type { Balance, LedgerEntry, LedgerQuery, MarginMode, Position, PositionMode } from '../port/types.ts';
import { marginModeFromWire, positionModeFromWire, positionModeToWire } from './mapping/enums.ts';
import { balanceFromWire, positionFromWire } from './mapping/restAccount.ts';
import { BILL_TYPE_OF_KIND, ledgerEntriesFromWire } from './mapping/restOrders.ts';
import { OKX_LIST_PAGE, windowToWire } from './mapping/restRequests.ts';
import { instIdOf } from './mapping/symbols.ts';
import * as account from './rest/endpoints/accountEndpoints.ts';
import type { OkxRestClient } from './rest/OkxRestClient.ts';

/** The port's ledger answers at most this many rows (BitMart's page). */
const LEDGER_MAX_ROWS = 1000;

type AccountRest = Pick<
  TradingRest,
  'balances' | 'positions' | 'positionMode' | 'setPositionMode' | 'setLeverage' | 'ledger'
>;

/**
 * The account's state and settings on OKX, and what every order depends on: the position mode is
 * read once (account config) and kept up to date by `setPositionMode`, since every order's
 * `posSide` depends on it; the margin mode of a symbol is the one its leverage was last set for
 * (cross until then), and OKX has no leverage on an order, only the symbol's setting.
 */
export class OkxAccount implements AccountRest {
  readonly #client: OkxRestClient;
  #positionMode: Promise<PositionMode> | undefined;
  readonly #marginModes = new Map<string, MarginMode>();
  readonly #leverages = new Map<string, string>();

  constructor(client: OkxRestClient) {
    this.#client = client;
  }

  async balances(): Promise<readonly Balance[]> {
    const rows = await account.getBalance(this.#client);
    return rows.flatMap((row) => row.details.map(balanceFromWire));
  }

  async positions(symbol?: string): Promise<readonly Position[]> {
    const rows = await account.getPositions(this.#client, symbol === undefined ? undefined : instIdOf(symbol));
    return rows.flatMap((row) => positionFromWire(row) ?? []);
  }

  positionMode(): Promise<PositionMode> {
    return this.currentPositionMode(true);
  }

  async setPositionMode(mode: PositionMode): Promise<void> {
    const [row] = await account.setPositionMode(this.#client, positionModeToWire(mode));
    this.#positionMode = Promise.resolve(row ? positionModeFromWire(row.posMode) : mode);
  }

  /** In long/short mode an isolated leverage is per side: both sides are set alike. */
  async setLeverage(symbol: string, leverage: Dec, marginMode: MarginMode) {
    if (!leverage.isFinite() || leverage.lt(1)) {
      throw new InvalidRequestError(`leverage must be at least 1, got ${leverage.toString()}`);
    }
    const instId = instIdOf(symbol);
    const lever = toWire(leverage);
    const sides =
      marginMode === 'isolated' && (await this.currentPositionMode(false)) === 'hedge'
        ? (['long', 'short'] as const)
        : [undefined];
    let result = { leverage, marginMode };
    for (const posSide of sides) {
      const [row] = await account.setLeverage(this.#client, {
        instId,
        lever,
        mgnMode: marginMode,
        ...(posSide ? { posSide } : {}),
      });
      if (row) result = { leverage: new Dec(row.lever), marginMode: marginModeFromWire(row.mgnMode) };
    }
    this.#marginModes.set(symbol, result.marginMode);
    this.#leverages.set(`${symbol}|${result.marginMode}`, toWire(result.leverage));
    return result;
  }

  /** Sets the symbol's leverage first when an order asks for another than the one last set. */
  async ensureLeverage(symbol: string, leverage: Dec, marginMode: MarginMode): Promise<void> {
    if (this.#leverages.get(`${symbol}|${marginMode}`) !== toWire(leverage)) {
      await this.setLeverage(symbol, leverage, marginMode);
    }
  }

  /** The margin mode the symbol's leverage was last set for; cross until then. */
  marginModeOf(symbol: string): MarginMode {
    return this.#marginModes.get(symbol) ?? 'cross';
  }

  /** Bills of the last 7 days, newest first, paged by bill id up to 1000 entries. */
  async ledger(query: LedgerQuery = {}): Promise<readonly LedgerEntry[]> {
    const entries: LedgerEntry[] = [];
    let after: string | undefined;
    for (;;) {
      const rows = await account.getBills(this.#client, {
        ...(query.symbol === undefined ? {} : { instId: instIdOf(query.symbol) }),
        ...(query.kind === undefined ? {} : { type: BILL_TYPE_OF_KIND[query.kind] }),
        ...windowToWire(query.window),
        ...(after === undefined ? {} : { after }),
        limit: OKX_LIST_PAGE,
      });
      for (const row of rows) {
        for (const entry of ledgerEntriesFromWire(row))
          if (query.kind === undefined || entry.kind === query.kind) entries.push(entry);
      }
      const last = rows[rows.length - 1];
      if (rows.length < OKX_LIST_PAGE || !last || entries.length >= LEDGER_MAX_ROWS) break;
      after = last.billId;
    }
    return entries.slice(0, LEDGER_MAX_ROWS);
  }

  /** The account's position mode, read once; `refresh` reads it again. */
  currentPositionMode(refresh: boolean): Promise<PositionMode> {
    if (refresh || !this.#positionMode) {
      const reading = account.getAccountConfig(this.#client).then((config) => {
        if (!config) throw new RejectedError('OKX returned no account configuration');
        return positionModeFromWire(config.posMode);
      });
      this.#positionMode = reading;
      // A failed read is not kept: the next order reads again.
      reading.catch(() => {
        if (this.#positionMode === reading) this.#positionMode = undefined;
      });
    }
    return this.#positionMode;
  }
}
