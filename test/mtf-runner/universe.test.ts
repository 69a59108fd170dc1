import { describe, expect, it } from 'vitest';
import {
  loadMtfContractsConfig,
  selectUniverse,
  type UniverseContract,
} from '../../src/trading-app/mtf-runner/index.ts';

const NOW = Date.UTC(2025, 11, 3);
const DAY = 86_400_000;
const config = loadMtfContractsConfig('config/mtf_contracts.yaml');

const contract = (symbol: string, turnover: number, overrides: Partial<UniverseContract> = {}): UniverseContract => ({
  symbol,
  quoteCurrency: 'USDT',
  status: 'trading',
  turnover24h: turnover,
  openTimestamp: NOW - 400 * DAY,
  expireTimestamp: null,
  ...overrides,
});

describe('the symbol universe (mtf_contracts.yaml of 44109e0c, unchanged)', () => {
  it('loads the shipped file with its values', () => {
    expect(config).toMatchObject({
      minTurnover: 1_500_000,
      midMaxTurnover: 8_000_000,
      topN: 250,
      midN: 0,
      minAgeMs: 880 * 3_600_000,
    });
  });

  it('keeps TOP contracts by turnover descending and no MID ones (mid_n 0)', () => {
    const symbols = selectUniverse(
      [contract('AUSDT', 9e6), contract('BUSDT', 5e7), contract('CUSDT', 2e6), contract('DUSDT', 1e6)],
      config,
      NOW,
      () => false,
    );
    expect(symbols).toEqual(['BUSDT', 'AUSDT']);
  });

  it('fills MID ascending within [min, mid max] and caps both buckets', () => {
    const mixed = { ...config, topN: 1, midN: 2 };
    const symbols = selectUniverse(
      [
        contract('AUSDT', 9e6),
        contract('BUSDT', 5e7),
        contract('CUSDT', 2e6),
        contract('EUSDT', 8e6),
        contract('FUSDT', 1.5e6),
      ],
      mixed,
      NOW,
      () => false,
    );
    expect(symbols).toEqual(['BUSDT', 'FUSDT', 'CUSDT']);
  });

  it('max_age_hours is a minimum age: a contract listed 10 days ago is left out, one listed 40 days ago kept', () => {
    const symbols = selectUniverse(
      [
        contract('NEWUSDT', 9e7, { openTimestamp: NOW - 10 * DAY }),
        contract('OLDUSDT', 9e7, { openTimestamp: NOW - 40 * DAY }),
      ],
      config,
      NOW,
      () => false,
    );
    expect(symbols).toEqual(['OLDUSDT']);
  });

  it('filters status, quote currency and switched-off symbols', () => {
    const symbols = selectUniverse(
      [
        contract('AUSDT', 9e7, { status: 'delisted' }),
        contract('BUSD', 9e7, { quoteCurrency: 'USD' }),
        contract('CUSDT', 9e7),
        contract('DUSDT', 9e7),
      ],
      config,
      NOW,
      (symbol) => symbol === 'DUSDT',
    );
    expect(symbols).toEqual(['CUSDT']);
  });
});
