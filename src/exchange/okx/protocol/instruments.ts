import { Dec } from '../../../platform/decimal/index.ts';

/**
 * Our symbols (`BTCUSDT`) ⇄ OKX's USDT-margined perpetual swap ids (`BTC-USDT-SWAP`), and OKX
 * contracts ⇄ base quantity. OKX sizes every swap order in contracts of `ctVal × ctMult` base units
 * (https://www.okx.com/docs-v5/en/#public-data-rest-api-get-instruments); this is the one place
 * that converts.
 */

const QUOTE = 'USDT';
const SYMBOL = /^([A-Z0-9]+)USDT$/;
const INST_ID = /^([A-Z0-9]+)-USDT-SWAP$/;

/** `BTCUSDT` → `BTC-USDT-SWAP`; throws on a symbol that is not a USDT pair. */
export function okxInstId(symbol: string): string {
  const match = SYMBOL.exec(symbol);
  if (!match) throw new RangeError(`not a USDT perpetual symbol: ${JSON.stringify(symbol)}`);
  return `${match[1]}-${QUOTE}-SWAP`;
}

/** `BTC-USDT-SWAP` → `BTCUSDT`; undefined for anything but a USDT-margined swap. */
export function symbolOfOkxInstId(instId: string): string | undefined {
  const match = INST_ID.exec(instId);
  return match ? `${match[1]}${QUOTE}` : undefined;
}

/** `BTC-USDT-SWAP` → `BTC-USDT`, the `uly` / `instFamily` of the swap. */
export function okxInstFamily(instId: string): string {
  return instId.endsWith('-SWAP') ? instId.slice(0, -'-SWAP'.length) : instId;
}

/** The sizing fields of an instrument row, as `Dec`. */
export interface OkxContractSizing {
  readonly ctVal: Dec;
  /** `"1"` for swaps. */
  readonly ctMult: Dec;
  /** Size step, in contracts. */
  readonly lotSz: Dec;
  /** Smallest order, in contracts. */
  readonly minSz: Dec;
}

/** Base units of one contract: `ctVal × ctMult`. */
export function baseUnitsPerContract(sizing: Pick<OkxContractSizing, 'ctVal' | 'ctMult'>): Dec {
  return sizing.ctVal.times(sizing.ctMult);
}

/** `sz` contracts in base units. */
export function contractsToBase(contracts: Dec, sizing: Pick<OkxContractSizing, 'ctVal' | 'ctMult'>): Dec {
  return contracts.times(baseUnitsPerContract(sizing));
}

/**
 * A base quantity in contracts, rounded down to the lot (never more than asked); zero when it is
 * below the minimum size (the caller refuses it rather than sending OKX's 51020).
 */
export function baseToContracts(base: Dec, sizing: OkxContractSizing): Dec {
  const lots = base.div(baseUnitsPerContract(sizing)).div(sizing.lotSz).floor();
  const contracts = lots.times(sizing.lotSz);
  return contracts.lt(sizing.minSz) ? new Dec(0) : contracts;
}
