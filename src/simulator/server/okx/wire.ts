/**
 * The simulator's objects in OKX's JSON, one file per group of routes (wire/: market, orders and
 * algo orders, account; the conventions in wire/fields.ts). Its WebSocket gateway pushes the same rows.
 */

export { balanceRow, positionRow } from './wire/accountRows.ts';
export {
  bookRow,
  candleRow,
  fundingRow,
  instrumentRow,
  markPriceRow,
  tickerRow,
  tradeRow,
} from './wire/marketRows.ts';
export { algoRow, fillRow, type OrderExtras, okxPosSideOf, okxSideOf, okxStateOf, orderRow } from './wire/orderRows.ts';
