/**
 * OKX API v5 codes the platform and the simulator use, with OKX's message and HTTP status
 * (https://www.okx.com/docs-v5/en/#error-code). Codes are strings on the wire. Auth failures are
 * 401, parameter syntax 400, business refusals 200 with the code in the envelope (or in an item's
 * `sCode` on trade writes). What each code means to a caller is `errorKinds.ts`'s table.
 */
export interface OkxCodeInfo {
  readonly code: string;
  readonly message: string;
  readonly httpStatus: number;
}

function code(value: string, message: string, httpStatus = 200): OkxCodeInfo {
  return { code: value, message, httpStatus };
}

export const OkxCodes = {
  ok: code('0', ''),
  allFailed: code('1', 'All operations failed'),
  partiallySucceeded: code('2', 'Bulk operation partially succeeded.'),
  // 50xxx: general and auth.
  bodyEmpty: code('50000', 'Body for POST request cannot be empty.', 400),
  serviceUnavailable: code('50001', 'Service temporarily unavailable. Please try again later.', 503),
  jsonSyntax: code('50002', 'JSON syntax error', 400),
  contentType: code('50006', 'Invalid Content-Type. Please use "application/JSON".', 400),
  rateLimited: code('50011', 'Too Many Requests', 429),
  paramEmpty: code('50014', 'Parameter {0} can not be empty.', 400),
  systemError: code('50026', 'System error. Try again later.', 500),
  environmentMismatch: code('50101', 'APIKey does not match current environment.', 401),
  timestampExpired: code('50102', 'Timestamp request expired', 401),
  keyEmpty: code('50103', 'Request header "OK-ACCESS-KEY" cannot be empty.', 401),
  passphraseEmpty: code('50104', 'Request header "OK-ACCESS-PASSPHRASE" cannot be empty.', 401),
  passphraseIncorrect: code('50105', 'Request header "OK-ACCESS-PASSPHRASE" incorrect.', 401),
  signEmpty: code('50106', 'Request header "OK-ACCESS-SIGN" cannot be empty.', 401),
  timestampEmpty: code('50107', 'Request header "OK-ACCESS-TIMESTAMP" cannot be empty.', 401),
  invalidKey: code('50111', 'Invalid OK-ACCESS-KEY.', 401),
  invalidTimestamp: code('50112', 'Invalid OK-ACCESS-TIMESTAMP.', 401),
  invalidSign: code('50113', 'Invalid Sign.', 401),
  // 51xxx: trading.
  paramError: code('51000', 'Parameter {0} error'),
  instrumentUnknown: code('51001', "Instrument ID or Spread ID doesn't exist."),
  priceLimit: code('51006', 'Order price is not within the price limit.'),
  minOneContract: code('51007', 'Order failed. Please place orders of at least 1 contract or more.'),
  insufficientBalance: code('51008', 'Order failed. Insufficient USDT balance in account.'),
  clOrdIdExists: code('51016', 'Duplicated client order ID'),
  belowMinimum: code('51020', 'Your order should meet or exceed the minimum order amount.'),
  positionNotExist: code('51023', "Position doesn't exist."),
  lotSize: code('51121', 'Order quantity must be a multiple of the lot size.'),
  noPositionToReduce: code(
    '51169',
    "Order failed because you don't have any positions in this direction for this contract to reduce or close.",
  ),
  reduceOnlySameSide: code(
    '51170',
    'Failed to place order. A reduce-only order cannot be the same direction as your existing position.',
  ),
  cancelFailed: code('51400', 'Order cancellation failed as the order has been filled, canceled or does not exist.'),
  amendFailed: code('51503', 'Order modification failed as the order has been filled, canceled or does not exist.'),
  orderNotExist: code('51603', 'Order does not exist'),
  // 59xxx: account settings.
  settingsBlocked: code('59000', 'Settings failed. Close any open positions or orders before modifying settings.'),
  leverageTooHigh: code('59102', 'Leverage exceeds the maximum limit. Please lower the leverage.'),
  // 60xxx / 64xxx: WebSocket.
  wsInvalidTimestamp: code('60004', 'Invalid timestamp'),
  wsInvalidKey: code('60005', 'Invalid apiKey'),
  wsTimestampExpired: code('60006', 'Timestamp request expired'),
  wsInvalidSign: code('60007', 'Invalid sign'),
  wsLoginFailed: code('60009', 'Login failed.'),
  wsPleaseLogin: code('60011', 'Please log in'),
  wsInvalidRequest: code('60012', 'Invalid request'),
  wsChannelUnknown: code('60018', "Wrong URL or channel doesn't exist."),
  wsPassphrase: code('60024', 'Wrong passphrase'),
  wsMigratedToBusiness: code(
    '64001',
    "This channel has been migrated to the '/business' URL. Please subscribe using the new URL.",
  ),
  wsNotOnBusiness: code('64002', "This channel is not supported by '/business' URL. Please use '/public' URL."),
} as const satisfies Record<string, OkxCodeInfo>;

/** `51000 "Parameter posSide error"`: OKX's message with the parameter's name in place of `{0}`. */
export function withParam(info: OkxCodeInfo, param: string): OkxCodeInfo {
  return { ...info, message: info.message.replace('{0}', param) };
}

/** WebSocket close codes (https://www.okx.com/docs-v5/en/#error-code-websocket). */
export const OkxWsCloseCodes = {
  loginFailed: 4001,
  invalidRequest: 4002,
  noDataIn30s: 4004,
} as const;
