import { FuturesClientV2 } from 'bitmart-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Simulator } from '../../src/simulator/main.ts';
import { startTestSimulator } from '../support/testSimulator.ts';

// bitmart-api 2.5.1, unchanged, with `baseUrl` pointed at the simulator
// (docs/reference/bitmart-wire.md#conformance-clients).
let simulator: Simulator;
let restUrl: string;

function client(apiSecret?: string): FuturesClientV2 {
  return new FuturesClientV2({
    apiKey: simulator.account.apiKey,
    apiSecret: apiSecret ?? simulator.account.apiSecret,
    apiMemo: simulator.account.apiMemo,
    baseUrl: restUrl,
  });
}

beforeAll(async () => {
  ({ simulator, restUrl } = await startTestSimulator());
});
afterAll(async () => {
  await simulator.stop();
});

describe('bitmart-api 2.5.1 FuturesClientV2 against the simulator', () => {
  it('reads server time, contract details and klines', async () => {
    const rest = client();
    const time = await rest.getSystemTime();
    expect(Math.abs(Number(time.data.server_time) - Date.now())).toBeLessThan(5_000);
    const details = await rest.getFuturesContractDetails({ symbol: 'ETHUSDT' });
    expect(details.data.symbols[0]?.symbol).toBe('ETHUSDT');
    const now = Math.floor(Date.now() / 1000);
    const klines = await rest.getFuturesKlines({
      symbol: 'ETHUSDT',
      step: 60,
      start_time: now - 50 * 3600,
      end_time: now,
    });
    expect(klines.data.length).toBeGreaterThanOrEqual(50);
  });

  it('sets leverage, submits a market order with a client order id and reads it back', async () => {
    const rest = client();
    const leverage = await rest.setFuturesLeverage({ symbol: 'ETHUSDT', leverage: '10', open_type: 'isolated' });
    expect(leverage.data.leverage).toBe('10');
    const submitted = await rest.submitFuturesOrder({
      symbol: 'ETHUSDT',
      side: 1,
      type: 'market',
      size: 2,
      leverage: '10',
      open_type: 'isolated',
      client_order_id: 'bmapi001',
    });
    expect(typeof submitted.data.order_id).toBe('number');
    const order = await rest.getFuturesAccountOrder({ symbol: 'ETHUSDT', order_id: String(submitted.data.order_id) });
    expect(order.data.client_order_id).toBe('bmapi001');
    expect(order.data.deal_size).toBe('2');
    const positions = await rest.getFuturesAccountPositionsV2({ symbol: 'ETHUSDT' });
    expect(positions.data.find((row) => row.position_side === 'long')?.position_amount).toBe('2');
    const assets = await rest.getFuturesAccountAssets();
    expect(assets.data.find((asset) => asset.currency === 'USDT')?.position_deposit).not.toBe('0');
  });

  it('places and cancels a limit order', async () => {
    const rest = client();
    const price = simulator.market.lastPrice('ETHUSDT').mul(0.8).toDecimalPlaces(2).toFixed();
    const submitted = await rest.submitFuturesOrder({ symbol: 'ETHUSDT', side: 1, type: 'limit', size: 1, price });
    const cancel = await rest.cancelFuturesOrder({ symbol: 'ETHUSDT', order_id: String(submitted.data.order_id) });
    expect(cancel.code).toBe(1000);
    const order = await rest.getFuturesAccountOrder({ symbol: 'ETHUSDT', order_id: String(submitted.data.order_id) });
    expect(order.data.state).toBe(4);
    expect(order.data.deal_size).toBe('0');
  });

  it('gets BitMart code 30005 for a wrong secret, and nothing is placed', async () => {
    const before = simulator.engine.openOrders(simulator.account.accountId, {}).length;
    await expect(
      client('wrong').submitFuturesOrder({ symbol: 'ETHUSDT', side: 1, type: 'market', size: 1 }),
    ).rejects.toMatchObject({ code: 401, body: { code: 30005, message: 'Header X-BM-SIGN is wrong' } });
    expect(simulator.engine.openOrders(simulator.account.accountId, {}).length).toBe(before);
  });
});
