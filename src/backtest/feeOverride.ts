import type { ContractSpec } from '../simulator/market/index.ts';
import type { FeeRates } from '../trading-app/backtests/backtestParameters.ts';

/**
 * The series with their contracts' fee rates replaced (`--fees`): the replay market serves these
 * contracts, so the engine charges these rates and the venue's fee query reports them, as an
 * account on another fee tier would see.
 */
export function withFees<S extends { readonly spec: ContractSpec }>(
  series: readonly S[],
  fees: FeeRates | undefined,
): readonly S[] {
  if (!fees) return series;
  return series.map((entry) => ({
    ...entry,
    spec: { ...entry.spec, makerFeeRate: fees.maker, takerFeeRate: fees.taker },
  }));
}
