import type { OkxPosMode, OkxPosSide, OkxTdMode } from '../../protocol/fields.ts';
import {
  OkxAccountConfigSchema,
  OkxBalanceSchema,
  OkxBillSchema,
  OkxLeverageSchema,
  OkxPositionSchema,
  OkxSetPositionModeResultSchema,
} from '../../protocol/wire/index.ts';
import type { OkxRestClient } from '../OkxRestClient.ts';

/** `/api/v5/account/*` (https://www.okx.com/docs-v5/en/#trading-account-rest-api): signed, per user id. */

export function getBalance(client: OkxRestClient) {
  return client.getSigned('/api/v5/account/balance', OkxBalanceSchema);
}

/** Non-zero positions; with `instId`, also a closed one that still has a posId (`pos` "0"). */
export function getPositions(client: OkxRestClient, instId?: string) {
  return client.getSigned('/api/v5/account/positions', OkxPositionSchema, { instType: 'SWAP', instId });
}

export async function getAccountConfig(client: OkxRestClient) {
  const [row] = await client.getSigned('/api/v5/account/config', OkxAccountConfigSchema);
  return row;
}

export function setPositionMode(client: OkxRestClient, posMode: OkxPosMode) {
  return client.post('/api/v5/account/set-position-mode', OkxSetPositionModeResultSchema, { posMode });
}

export interface SetLeverageRequest {
  readonly instId: string;
  readonly lever: string;
  readonly mgnMode: OkxTdMode;
  /** Only for isolated margin in long/short mode. */
  readonly posSide?: OkxPosSide;
}

export function setLeverage(client: OkxRestClient, request: SetLeverageRequest) {
  return client.post('/api/v5/account/set-leverage', OkxLeverageSchema, { ...request });
}

export interface BillsRequest {
  readonly instId?: string;
  /** 1 transfer, 2 trade, 5 liquidation, 8 funding fee. */
  readonly type?: string;
  /** Bill ids are paged with `after` (older); the time window with `begin`/`end` (ms). */
  readonly begin?: number;
  readonly end?: number;
  readonly after?: string;
  readonly limit?: number;
}

/** The last 7 days of balance changes, newest first, at most 100 a page. */
export function getBills(client: OkxRestClient, request: BillsRequest) {
  return client.getSigned('/api/v5/account/bills', OkxBillSchema, { instType: 'SWAP', ...request });
}
