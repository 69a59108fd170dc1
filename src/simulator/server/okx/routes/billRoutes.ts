import { okxBills } from '../bills.ts';
import { account, type OkxContext, type OkxEndpoint, type OkxInput } from '../endpoint.ts';
import { contractOf, type Fields, limitOf, millisOf, oneOf, optionalText } from '../params.ts';
import { paramError } from '../replies.ts';

const DAY_MS = 86_400_000;

/**
 * The account's bills (https://www.okx.com/docs-v5/en/#trading-account-rest-api-get-bills-details-last-7-days):
 * `account/bills` covers 7 days, `account/bills-archive` 3 months; newest first, at most 100
 * (default 100) a page; `after` = older than that bill id, `before` = newer; `begin`/`end` bound
 * `ts` (ms, inclusive). Filters that name something the simulator does not have (another
 * instrument type, currency or contract type) answer no rows.
 */
export function billEndpoints(ctx: OkxContext): OkxEndpoint[] {
  const { engine, market, clock, state } = ctx;
  const bills = (windowMs: number) => (input: OkxInput) => {
    const { accountId } = account(input);
    const fields = input.params;
    const instType = optionalText(fields, 'instType');
    const ccy = optionalText(fields, 'ccy');
    const ctType = optionalText(fields, 'ctType');
    if ((instType !== undefined && instType !== 'SWAP') || (ccy !== undefined && ccy !== 'USDT')) return [];
    if (ctType !== undefined && ctType !== 'linear') return [];
    const instId = optionalText(fields, 'instId');
    const symbol = instId === undefined ? undefined : contractOf(market, instId).symbol;
    const mgnMode = oneOf(fields, 'mgnMode', ['cross', 'isolated'] as const);
    const type = optionalText(fields, 'type');
    const subType = optionalText(fields, 'subType');
    const after = billIdOf(fields, 'after');
    const before = billIdOf(fields, 'before');
    const now = clock.now();
    const begin = Math.max(millisOf(fields, 'begin') ?? 0, now - windowMs);
    const end = millisOf(fields, 'end') ?? now;
    const limit = limitOf(fields, 100, 100);
    const matching = okxBills(engine.ledger(accountId), (orderId) => state.tagOf(orderId)).filter(
      (bill) =>
        (symbol === undefined || bill.symbol === symbol) &&
        (mgnMode === undefined || bill.row.mgnMode === mgnMode) &&
        (type === undefined || bill.type === type) &&
        (subType === undefined || bill.subType === subType) &&
        (after === undefined || BigInt(bill.billId) < after) &&
        (before === undefined || BigInt(bill.billId) > before) &&
        bill.time >= begin &&
        bill.time <= end,
    );
    // `before` alone pages towards the newest: the page next to the cursor, still newest first.
    const page =
      before !== undefined && after === undefined
        ? matching.slice(0, limit).reverse()
        : matching.reverse().slice(0, limit);
    return page.map((bill) => bill.row);
  };
  const read = (path: string, windowMs: number): OkxEndpoint => ({
    method: 'GET',
    path,
    auth: 'private',
    kind: 'read',
    handle: bills(windowMs),
  });
  return [read('/account/bills', 7 * DAY_MS), read('/account/bills-archive', 90 * DAY_MS)];
}

function billIdOf(fields: Fields, name: string): bigint | undefined {
  const value = optionalText(fields, name);
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw paramError(name);
  return BigInt(value);
}
