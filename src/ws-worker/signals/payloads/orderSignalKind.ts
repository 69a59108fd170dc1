import type { OrderSignalKind } from '../../../contracts/signals/index.ts';

const STOP_LOSS_SEGMENT = /^SL$/;
const TAKE_PROFIT_SEGMENT = /^TP\d?$/;

/**
 * STOP_LOSS or TAKE_PROFIT when the client order id marks a protection, else undefined. Fixes the
 * PHP rule (docs/reference/original-system.md#bug-kind-detection): that one searched for `_SL_`/`STOP` anywhere, so the
 * app's own `TPSL-BTCUSDT-L-…-SL` and `…-TP1` ids came back as ENTRY while a random `CLI…STOP…` id
 * became a stop loss. Here a marker must be a whole segment between `_` or `-` (`SL`, `TP`, `TP1`,
 * `TP2`), or the explicit words STOP_LOSS / TAKE_PROFIT.
 */
export function kindFromClientOrderId(clientOrderId: string): OrderSignalKind | undefined {
  const id = clientOrderId.toUpperCase();
  const segments = id.split(/[_-]/);
  if (id.includes('STOP_LOSS') || segments.some((segment) => STOP_LOSS_SEGMENT.test(segment))) return 'STOP_LOSS';
  if (id.includes('TAKE_PROFIT') || segments.some((segment) => TAKE_PROFIT_SEGMENT.test(segment))) {
    return 'TAKE_PROFIT';
  }
  return undefined;
}

const MTF_CHILD_ID = /^(MTF_[A-Z0-9]+)_([A-Z]+)_(.+)$/;

/**
 * The PHP rule for `parent_client_order_id`: `MTF_<run>_<ROLE>_<rest>` is a child of
 * `MTF_<run>_OPEN_<rest>`. Unlike PHP, the opening order itself gets no parent (it would be its own).
 */
export function parentClientOrderId(clientOrderId: string): string | undefined {
  const id = clientOrderId.toUpperCase();
  const match = MTF_CHILD_ID.exec(id);
  if (!match) return undefined;
  const parent = `${match[1]}_OPEN_${match[3]}`;
  return parent === id ? undefined : parent;
}
