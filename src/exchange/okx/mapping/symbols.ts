import { InvalidRequestError } from '../../../platform/errors/exchangeErrors.ts';
import { okxInstId, symbolOfOkxInstId } from '../protocol/instruments.ts';

/** Our symbol (`BTCUSDT`) → OKX's instId at the edge; a symbol that is no USDT pair is our input's fault. */
export function instIdOf(symbol: string): string {
  try {
    return okxInstId(symbol);
  } catch {
    throw new InvalidRequestError(`not a USDT perpetual symbol: ${JSON.stringify(symbol)}`);
  }
}

/** OKX's instId → our symbol; another venue product (inverse, spot) keeps its instId. */
export function symbolOf(instId: string): string {
  return symbolOfOkxInstId(instId) ?? instId;
}
