import { afterEach, beforeEach, describe } from 'vitest';
import { accountCases } from './accountCases.ts';
import type { ContractHarness } from './contractKit.ts';
import { errorCases } from './errorCases.ts';
import { marketDataCases } from './marketDataCases.ts';
import { orderCases } from './orderCases.ts';
import { triggerCases } from './triggerCases.ts';

export type { ContractHarness } from './contractKit.ts';

/**
 * The one contract of the `FuturesExchange` port (docs/style.md#test-style): every implementation (the
 * in-process simulator, the BitMart client over loopback, later BitMart itself) must pass it.
 * Each case gets a fresh harness, so that an account's state never leaks between cases.
 */
export function describeFuturesExchangeContract(name: string, setup: () => Promise<ContractHarness>): void {
  describe(`FuturesExchange contract: ${name}`, () => {
    let harness: ContractHarness | undefined;
    const current = (): ContractHarness => {
      if (!harness) throw new Error('the contract harness is not set up');
      return harness;
    };
    beforeEach(async () => {
      harness = await setup();
    });
    afterEach(async () => {
      await harness?.teardown();
      harness = undefined;
    });

    describe('market data', () => marketDataCases(current));
    describe('account', () => accountCases(current));
    describe('orders', () => orderCases(current));
    describe('plan and TP/SL orders', () => triggerCases(current));
    describe('error kinds', () => errorCases(current));
  });
}
