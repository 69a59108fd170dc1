import type { ExchangeError } from '../../../../platform/errors/exchangeErrors.ts';
import { RejectedError, UnknownOutcomeError } from '../../../../platform/errors/exchangeErrors.ts';
import { itemError } from '../parseResponse.ts';

/**
 * The one item of a single write, accepted (`sCode` "0"), or its refusal as an error of its kind.
 * The envelope is "1" when the only item failed (parseResponse.ts reads the item's code then);
 * this catches an item refused under a "0" or "2" envelope, and an answer with no item at all.
 */
export function firstAccepted<Row extends { readonly sCode: string; readonly sMsg: string }>(
  rows: readonly Row[],
  what: string,
  clientOrderId: string | undefined,
): Row {
  const [row] = rows;
  if (!row) throw new UnknownOutcomeError(`${what} answered no item; reconcile`, clientOrderId);
  const error: ExchangeError | undefined = itemError(row.sCode, row.sMsg, {
    method: 'POST',
    path: what.replace(/^POST /, ''),
    clientOrderId,
  });
  if (error) throw error;
  return row;
}

/** Throws the first refusal of a batch unless every refusal is in `tolerated` (e.g. already final). */
export function requireAccepted(
  rows: readonly { readonly sCode: string; readonly sMsg: string }[],
  what: string,
  tolerated: ReadonlySet<string> = new Set(),
): void {
  const refused = rows.find((row) => row.sCode !== '0' && !tolerated.has(row.sCode));
  if (refused) throw new RejectedError(`${what} refused by OKX: ${refused.sCode} ${refused.sMsg}`);
}
