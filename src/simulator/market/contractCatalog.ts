import { Dec } from '../../platform/decimal/index.ts';
import type { ContractSpec } from './types.ts';

interface CatalogEntry {
  readonly symbol: string;
  readonly contractSize: string;
  readonly tickSize: string;
  readonly maxVolume: number;
  readonly marketMaxVolume: number;
  readonly maxLeverage: number;
  readonly maintenanceMarginRate: string;
  readonly openTimestamp: number;
  readonly referencePrice: string;
  readonly annualVolatility: number;
  /** Typical USDT turnover per day: sizes the crowd's volume, trades, book depth and open interest. */
  readonly dailyTurnoverUsdt: number;
}

// Specs modelled on BitMart's `contract/public/details`
// (docs/reference/bitmart-wire.md#contract-details); prices are early-2025 levels.
const ENTRIES: readonly CatalogEntry[] = [
  entry('BTCUSDT', '0.001', '0.1', 500_000, 200_000, 125, '0.004', 1594080000000, '95000', 0.6, 4e9),
  entry('ETHUSDT', '0.01', '0.01', 500_000, 200_000, 100, '0.005', 1594080000000, '3300', 0.75, 2e9),
  entry('SOLUSDT', '1', '0.001', 200_000, 50_000, 75, '0.006', 1635724800000, '180', 0.9, 8e8),
  entry('XRPUSDT', '10', '0.0001', 500_000, 100_000, 75, '0.006', 1602547200000, '2.3', 0.95, 6e8),
  entry('DOGEUSDT', '100', '0.00001', 500_000, 100_000, 75, '0.006', 1612137600000, '0.32', 1.05, 4e8),
  entry('BNBUSDT', '0.01', '0.01', 300_000, 100_000, 75, '0.006', 1602547200000, '650', 0.8, 1.5e8),
  entry('ADAUSDT', '10', '0.0001', 500_000, 100_000, 50, '0.008', 1602547200000, '0.9', 1.0, 1.5e8),
  entry('LTCUSDT', '0.1', '0.01', 300_000, 100_000, 50, '0.008', 1602547200000, '100', 0.85, 1e8),
  entry('LINKUSDT', '1', '0.001', 300_000, 100_000, 50, '0.01', 1612137600000, '20', 1.0, 1e8),
  entry('AVAXUSDT', '1', '0.001', 300_000, 100_000, 50, '0.01', 1635724800000, '35', 1.1, 8e7),
];

function entry(
  symbol: string,
  contractSize: string,
  tickSize: string,
  maxVolume: number,
  marketMaxVolume: number,
  maxLeverage: number,
  maintenanceMarginRate: string,
  openTimestamp: number,
  referencePrice: string,
  annualVolatility: number,
  dailyTurnoverUsdt: number,
): CatalogEntry {
  return {
    symbol,
    contractSize,
    tickSize,
    maxVolume,
    marketMaxVolume,
    maxLeverage,
    maintenanceMarginRate,
    openTimestamp,
    referencePrice,
    annualVolatility,
    dailyTurnoverUsdt,
  };
}

function toSpec(item: CatalogEntry): ContractSpec {
  return Object.freeze({
    symbol: item.symbol,
    baseCurrency: item.symbol.slice(0, -'USDT'.length),
    quoteCurrency: 'USDT',
    contractSize: new Dec(item.contractSize),
    tickSize: new Dec(item.tickSize),
    volumeStep: new Dec(1),
    minVolume: 1,
    maxVolume: item.maxVolume,
    marketMaxVolume: item.marketMaxVolume,
    minLeverage: 1,
    maxLeverage: item.maxLeverage,
    makerFeeRate: new Dec('0.0002'),
    takerFeeRate: new Dec('0.0006'),
    maintenanceMarginRate: new Dec(item.maintenanceMarginRate),
    fundingIntervalHours: 8,
    openTimestamp: item.openTimestamp,
    referencePrice: new Dec(item.referencePrice),
    annualVolatility: item.annualVolatility,
  });
}

/** The perpetual contracts the simulator lists, in display order. */
export const CONTRACT_CATALOG: readonly ContractSpec[] = Object.freeze(ENTRIES.map(toSpec));

/**
 * Typical daily volume in contracts at the reference price: the scale of every crowd quantity.
 * Kept out of `ContractSpec` because it describes the synthetic crowd, not the contract.
 */
export function typicalDailyVolume(spec: ContractSpec): number {
  const turnover = ENTRIES.find((item) => item.symbol === spec.symbol)?.dailyTurnoverUsdt ?? 1e8;
  return Math.max(10_000, Math.round(turnover / spec.referencePrice.mul(spec.contractSize).toNumber()));
}
