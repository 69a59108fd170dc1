import type {
  BitmartAssetList,
  BitmartLeverageSetting,
  BitmartOpenType,
  BitmartPositionMode,
  BitmartPositionModeData,
  BitmartPositionV2List,
  BitmartTransactionList,
} from '../../protocol/wire/index.ts';
import type { BitmartRestClient } from '../BitmartRestClient.ts';

/** Account, positions and account settings (docs/reference/bitmart-wire.md#account-endpoints; #submit-leverage). */

/** GET /contract/private/assets-detail (KEYED, bitmart-wire.md#assets): one row per currency. */
export function getAssetsDetail(client: BitmartRestClient): Promise<BitmartAssetList> {
  return client.get('/contract/private/assets-detail', 'keyed');
}

/**
 * GET /contract/private/position-v2 (KEYED, bitmart-wire.md#positions): without `symbol` only held rows; with it, rows
 * zero-filled when flat. `position_amount` is signed in one-way mode.
 */
export function getPositionsV2(client: BitmartRestClient, symbol?: string): Promise<BitmartPositionV2List> {
  return client.get('/contract/private/position-v2', 'keyed', { symbol });
}

/** GET /contract/private/get-position-mode (KEYED, bitmart-wire.md#position-mode): account-wide. */
export function getPositionMode(client: BitmartRestClient): Promise<BitmartPositionModeData> {
  return client.get('/contract/private/get-position-mode', 'keyed');
}

/** POST /contract/private/set-position-mode (SIGNED, bitmart-wire.md#position-mode): 40059 while positions exist. */
export function setPositionMode(
  client: BitmartRestClient,
  positionMode: BitmartPositionMode,
): Promise<BitmartPositionModeData> {
  return client.post('/contract/private/set-position-mode', { position_mode: positionMode });
}

export type BitmartSubmitLeverageRequest = {
  readonly symbol: string;
  readonly leverage: string;
  readonly open_type: BitmartOpenType;
};

/**
 * POST /contract/private/submit-leverage (SIGNED, bitmart-wire.md#submit-leverage): 40040 invalid,
 * 40012 conflicting position.
 */
export function submitLeverage(
  client: BitmartRestClient,
  request: BitmartSubmitLeverageRequest,
): Promise<BitmartLeverageSetting> {
  return client.post('/contract/private/submit-leverage', request);
}

export type BitmartTransactionHistoryRequest = {
  readonly symbol?: string;
  /** 0 all, 1 transfer, 2 realized PnL, 3 funding fee, 4 commission, 5 liquidation. */
  readonly flow_type?: number;
  /** Unix ms (unlike order-history and trades); default the last 7 days. */
  readonly start_time?: number;
  readonly end_time?: number;
  /** Up to 1000. */
  readonly page_size?: number;
};

/**
 * GET /contract/private/transaction-history (KEYED, bitmart-wire.md#transaction-history): the ledger;
 * `time` is a string of ms.
 */
export function getTransactionHistory(
  client: BitmartRestClient,
  request: BitmartTransactionHistoryRequest = {},
): Promise<BitmartTransactionList> {
  return client.get('/contract/private/transaction-history', 'keyed', request);
}
