import { describe, expect, it } from 'vitest';
import { Dec } from '../../../platform/decimal/index.ts';
import { baseToContracts, contractsToBase, okxInstFamily, okxInstId, symbolOfOkxInstId } from './instruments.ts';

const BTC = { ctVal: new Dec('0.01'), ctMult: new Dec(1), lotSz: new Dec('0.01'), minSz: new Dec('0.01') };

describe('OKX instruments', () => {
  it('maps our symbols to swap ids and back', () => {
    expect(okxInstId('BTCUSDT')).toBe('BTC-USDT-SWAP');
    expect(okxInstId('1000PEPEUSDT')).toBe('1000PEPE-USDT-SWAP');
    expect(symbolOfOkxInstId('BTC-USDT-SWAP')).toBe('BTCUSDT');
    expect(symbolOfOkxInstId('BTC-USD-SWAP')).toBeUndefined();
    expect(symbolOfOkxInstId('BTC-USDT')).toBeUndefined();
    expect(okxInstFamily('ETH-USDT-SWAP')).toBe('ETH-USDT');
    expect(() => okxInstId('BTCUSD')).toThrow(RangeError);
  });

  it('converts contracts and base quantity through ctVal, rounding down to the lot', () => {
    expect(contractsToBase(new Dec('2.5'), BTC).toString()).toBe('0.025');
    expect(baseToContracts(new Dec('0.0259'), BTC).toString()).toBe('2.59');
    expect(baseToContracts(new Dec('0.02599'), BTC).toString()).toBe('2.59');
    const whole = { ...BTC, ctVal: new Dec(10), lotSz: new Dec(1), minSz: new Dec(1) };
    expect(baseToContracts(new Dec(95), whole).toString()).toBe('9');
    expect(baseToContracts(new Dec(9), whole).toString()).toBe('0');
  });
});
