/**
 * BitMart response codes with the HTTP status each comes with (docs/reference/bitmart-wire.md#codes). The
 * simulator answers with these; the client maps them to error kinds (docs/style.md#error-kinds).
 */
export const BITMART_OK = 1000;

export interface BitmartCodeInfo {
  readonly code: number;
  readonly httpStatus: number;
  readonly message: string;
}

function code(code: number, httpStatus: number, message: string): BitmartCodeInfo {
  return { code, httpStatus, message };
}

export const BitmartCodes = {
  notFound: code(30000, 404, 'Not found'),
  keyEmpty: code(30001, 401, 'Header X-BM-KEY is empty'),
  keyNotFound: code(30002, 401, 'Header X-BM-KEY not found'),
  keyFrozen: code(30003, 401, 'Header X-BM-KEY has frozen'),
  signEmpty: code(30004, 401, 'Header X-BM-SIGN is empty'),
  signWrong: code(30005, 401, 'Header X-BM-SIGN is wrong'),
  timestampEmpty: code(30006, 401, 'Header X-BM-TIMESTAMP is empty'),
  timestampRange: code(30007, 401, 'Header X-BM-TIMESTAMP range. Within a minute'),
  timestampFormat: code(30008, 401, 'Header X-BM-TIMESTAMP invalid format'),
  tooManyRequests: code(30013, 429, 'Request too many requests'),
  bodyNotJson: code(30018, 503, 'Request Body requires JSON format'),
  cloudAccountNotFound: code(40001, 400, 'Cloud account not found'),
  parseParameter: code(40007, 400, 'Parse parameter error'),
  invalidRequest: code(40011, 400, 'Invalid request'),
  systemError: code(40012, 500, 'System error'),
  contractOffline: code(40014, 400, 'Contract offline'),
  wouldLiquidate: code(40016, 400, 'Order would trigger liquidation'),
  openCloseSamePosition: code(40017, 400, 'Cannot open and close simultaneously in the same position'),
  positionClosed: code(40018, 400, 'Position closed'),
  positionVolumeNotEnough: code(40020, 400, 'Position volume not enough'),
  positionNotExist: code(40021, 400, 'Position does not exist'),
  balanceNotEnough: code(40027, 400, 'Contract account available balance not enough'),
  tooManyPlanOrders: code(40028, 400, 'Too many plan orders'),
  leverageTooLarge: code(40029, 400, 'Leverage is too large'),
  leverageTooSmall: code(40030, 400, 'Leverage is too small'),
  triggerPriceDeviation: code(40031, 400, 'The trigger price deviates too much from the current price'),
  contractNotFound: code(40034, 400, 'The contract does not exist'),
  orderNotExist: code(40035, 400, 'The order is not exist'),
  orderStatusInvalid: code(40036, 400, 'The order status is invalid'),
  orderIdNotExist: code(40037, 400, 'The order id is not exist'),
  klineStepInvalid: code(40038, 400, 'The k-line step is invalid'),
  timestampInvalid: code(40039, 400, 'The timestamp is invalid'),
  leverageInvalid: code(40040, 400, 'Invalid Leverage'),
  sideInvalid: code(40041, 400, 'Invalid side'),
  typeInvalid: code(40042, 400, 'Invalid order type'),
  precisionInvalid: code(40043, 400, 'Invalid precision'),
  rangeInvalid: code(40044, 400, 'Invalid range'),
  openTypeInvalid: code(40045, 400, 'Invalid open_type'),
  clientOrderIdNotAlphanumeric: code(40048, 403, 'The client_order_id is not alphanumeric'),
  clientOrderIdTooLong: code(40049, 403, 'The client_order_id length exceeds 32'),
  clientOrderIdDuplicate: code(40050, 403, 'Client OrderId duplicated with existing orders'),
  positionModeSwitchFailed: code(40059, 400, 'Some positions exist and the mode switching fails.'),
  insufficientMargin: code(42000, 400, 'Insufficient balance'),
  invalidParameter: code(49998, 400, 'INVALID_PARAMETER'),
} as const satisfies Record<string, BitmartCodeInfo>;

export type BitmartCodeName = keyof typeof BitmartCodes;

const byCode = new Map<number, BitmartCodeInfo>(Object.values(BitmartCodes).map((info) => [info.code, info]));

export function bitmartCodeInfo(numericCode: number): BitmartCodeInfo | undefined {
  return byCode.get(numericCode);
}
