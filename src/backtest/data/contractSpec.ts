import type { Contract } from '../../exchange/port/types.ts';
import { Dec } from '../../platform/decimal/index.ts';
import { CONTRACT_CATALOG, type ContractSpec } from '../../simulator/market/index.ts';

/** BitMart's standard futures fees (as the planner assumes: docs/decisions/0018-trade-planner.md); the port carries no account rate. */
const MAKER_FEE = new Dec('0.0002');
const TAKER_FEE = new Dec('0.0006');
/** When neither the store nor the simulator's catalog knows it: a mid-cap's maintenance rate. */
const DEFAULT_MAINTENANCE = new Dec('0.005');

/**
 * The contract a backtest trades: the venue's own (the store's `contracts`, filled by
 * `bitmart:fetch-contracts` or a run of the app) when known, its tick and sizes being what the
 * candles were recorded on; else the simulator's catalog entry; else nothing (the caller says what
 * to fetch). Fees are BitMart's standard maker 0.02 % and taker 0.06 %.
 */
export function contractSpecFor(symbol: string, stored: Contract | undefined): ContractSpec | undefined {
  const catalog = CONTRACT_CATALOG.find((spec) => spec.symbol === symbol);
  if (!stored) return catalog;
  return Object.freeze({
    symbol,
    baseCurrency: stored.baseCurrency,
    quoteCurrency: 'USDT',
    contractSize: stored.contractSize,
    tickSize: stored.tickSize,
    volumeStep: stored.sizeStep,
    minVolume: stored.minSize.toNumber(),
    maxVolume: stored.maxSize.toNumber(),
    marketMaxVolume: stored.maxMarketSize.toNumber(),
    minLeverage: stored.minLeverage.toNumber(),
    maxLeverage: stored.maxLeverage.toNumber(),
    makerFeeRate: MAKER_FEE,
    takerFeeRate: TAKER_FEE,
    maintenanceMarginRate: catalog?.maintenanceMarginRate ?? DEFAULT_MAINTENANCE,
    fundingIntervalHours: stored.fundingIntervalHours,
    openTimestamp: stored.openTime ?? 0,
    // Only the seeded process reads these; a replay takes its prices from the candles.
    referencePrice: stored.lastPrice,
    annualVolatility: catalog?.annualVolatility ?? 0,
  });
}
