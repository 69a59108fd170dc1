import { RestClient } from 'okx-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Simulator } from '../../src/simulator/main.ts';
import { refuseNonLoopbackConnections } from '../support/loopbackOnly.ts';
import { startTestSimulator } from '../support/testSimulator.ts';

// okx-api 3.2.3's RestClient, unchanged but for `baseUrl`, against the simulator's OKX face
// (decision 0027). It resolves only on HTTP 200 with the string code "0" and rejects with the body.
const INST = 'ETH-USDT-SWAP';
const guard = refuseNonLoopbackConnections();
let simulator: Simulator;
let restUrl: string;

function client(apiSecret?: string): RestClient {
  return new RestClient({
    apiKey: simulator.account.apiKey,
    apiSecret: apiSecret ?? simulator.account.apiSecret,
    apiPass: simulator.account.apiMemo,
    baseUrl: restUrl,
  });
}

beforeAll(async () => {
  ({ simulator, restUrl } = await startTestSimulator({ SIM_VENUE: 'okx' }));
});
afterAll(async () => {
  await simulator.stop();
  guard.restore();
  expect(guard.violations()).toEqual([]);
});

describe('okx-api 3.2.3 RestClient against the simulator', () => {
  it('reads server time, instruments, ticker and candles', async () => {
    const rest = client();
    expect(Math.abs((await rest.getServerTime()) - Date.now())).toBeLessThan(5_000);
    const instruments = await rest.getInstruments({ instType: 'SWAP' });
    const eth = instruments.find((row) => row.instId === INST);
    expect(eth?.ctVal).toBe('0.01');
    expect(eth?.lotSz).toBe('1');
    const [ticker] = await rest.getTicker({ instId: INST });
    expect(Number(ticker?.last)).toBeCloseTo(Number(simulator.market.lastPrice('ETHUSDT')), 6);
    const candles = await rest.getCandles({ instId: INST, bar: '1H', limit: '50' });
    expect(candles).toHaveLength(50);
    expect(Number(candles[0]![0])).toBeGreaterThan(Number(candles[1]![0]));
    expect(candles[0]![8]).toBe('0');
    expect(candles[1]![8]).toBe('1');
  });

  it('reads the account configuration and balance, sets position mode and leverage', async () => {
    const rest = client();
    const [config] = await rest.getAccountConfiguration();
    expect(config?.posMode).toBe('net_mode');
    const [balance] = await rest.getBalance();
    expect(balance?.details[0]?.ccy).toBe('USDT');
    expect(await rest.setPositionMode({ posMode: 'net_mode' })).toEqual([{ posMode: 'net_mode' }]);
    const [leverage] = await rest.setLeverage({ instId: INST, lever: '7', mgnMode: 'isolated' });
    expect(leverage?.lever).toBe('7');
  });

  it('submits, reads, amends and cancels a limit order with its client id', async () => {
    const rest = client();
    const price = simulator.market.lastPrice('ETHUSDT').times('0.8').toDecimalPlaces(2).toFixed();
    const [placed] = await rest.submitOrder({
      instId: INST,
      tdMode: 'isolated',
      side: 'buy',
      ordType: 'limit',
      sz: '2',
      px: price,
      clOrdId: 'okxapi001',
    });
    expect(placed?.sCode).toBe('0');
    const [detail] = await rest.getOrderDetails({ instId: INST, clOrdId: 'okxapi001' });
    expect(detail?.ordId).toBe(placed?.ordId);
    expect(detail?.state).toBe('live');
    expect(detail?.tag).toBe('159881cb7207BCDE');
    const [amended] = await rest.amendOrder({ instId: INST, ordId: placed!.ordId, newSz: '3' });
    expect(amended?.sCode).toBe('0');
    const pending = await rest.getOrderList({ instType: 'SWAP' });
    expect(pending.find((order) => order.ordId === placed?.ordId)?.sz).toBe('3');
    await rest.cancelOrder({ instId: INST, ordId: placed!.ordId });
    expect((await rest.getOrderDetails({ instId: INST, ordId: placed!.ordId }))[0]?.state).toBe('canceled');
  });

  it('rejects a duplicate client id among pending orders, and a second cancel, with OKX codes', async () => {
    const rest = client();
    const price = simulator.market.lastPrice('ETHUSDT').times('0.8').toDecimalPlaces(2).toFixed();
    const order = {
      instId: INST,
      tdMode: 'isolated',
      side: 'buy',
      ordType: 'limit',
      sz: '1',
      px: price,
      clOrdId: 'okxapidup',
    } as const;
    const [first] = await rest.submitOrder(order);
    await expect(rest.submitOrder(order)).rejects.toMatchObject({ code: '1', data: [{ sCode: '51016' }] });
    await rest.cancelOrder({ instId: INST, ordId: first!.ordId });
    await expect(rest.cancelOrder({ instId: INST, ordId: first!.ordId })).rejects.toMatchObject({
      code: '1',
      data: [{ sCode: '51400' }],
    });
    await expect(rest.getOrderDetails({ instId: INST, ordId: '1' })).rejects.toMatchObject({ code: '51603' });
  });

  it('opens at market with attached SL/TP, places and cancels a stand-alone stop, closes the position', async () => {
    const rest = client();
    const last = simulator.market.lastPrice('ETHUSDT');
    const [placed] = await rest.submitOrder({
      instId: INST,
      tdMode: 'isolated',
      side: 'buy',
      ordType: 'market',
      sz: '4',
      attachAlgoOrds: [{ slTriggerPx: last.times('0.9').toDecimalPlaces(2).toFixed(), slOrdPx: '-1' }],
    });
    expect(placed?.sCode).toBe('0');
    const [position] = await rest.getPositions({ instId: INST });
    expect(position?.pos).toBe('4');
    expect(position?.posSide).toBe('net');
    expect(position?.mgnMode).toBe('isolated');

    const [algo] = await rest.placeAlgoOrder({
      instId: INST,
      tdMode: 'isolated',
      side: 'sell',
      ordType: 'oco',
      sz: '4',
      reduceOnly: true,
      tpTriggerPx: last.times('1.2').toDecimalPlaces(2).toFixed(),
      tpOrdPx: '-1',
      slTriggerPx: last.times('0.8').toDecimalPlaces(2).toFixed(),
      slOrdPx: '-1',
      algoClOrdId: 'okxapioco1',
    });
    expect(algo?.sCode).toBe('0');
    const algos = await rest.getAlgoOrderList({ ordType: 'conditional,oco' as 'oco', instType: 'SWAP' });
    expect(algos.find((row) => row.algoId === algo?.algoId)).toMatchObject({
      ordType: 'oco',
      algoClOrdId: 'okxapioco1',
    });
    expect(algos.filter((row) => row.ordType === 'conditional')).toHaveLength(1);
    const [canceled] = await rest.cancelAlgoOrder([{ instId: INST, algoId: algo!.algoId }]);
    expect(canceled?.sCode).toBe('0');
    expect((await rest.getAlgoOrderList({ ordType: 'oco', instType: 'SWAP' })).length).toBe(0);

    await rest.closePositions({ instId: INST, mgnMode: 'isolated' });
    expect(await rest.getPositions({ instId: INST })).toEqual([]);
    const fills = await rest.getFills({ instType: 'SWAP', instId: INST });
    expect(fills.length).toBeGreaterThanOrEqual(2);
    // The same fills as trade bills (pnl + fee each), in the margin mode they traded in.
    const bills = await rest.getBills({ instType: 'SWAP', instId: INST, type: '2' });
    expect(bills.map((bill) => bill.ordId).sort()).toEqual(fills.map((fill) => fill.ordId).sort());
    for (const bill of bills) {
      expect(bill).toMatchObject({ ccy: 'USDT', instId: INST, mgnMode: 'isolated' });
      expect(Number(bill.balChg)).toBeCloseTo(Number(bill.pnl) + Number(bill.fee), 10);
    }
    expect(await rest.getBillsArchive({ instType: 'SWAP', instId: INST, type: '2' })).toEqual(bills);
  });

  it('arms the dead-man switch at tag level, as okx-api tags every private POST', async () => {
    const [timer] = await client().cancelAllAfter({ timeOut: '60' });
    expect(timer?.tag).toBe('159881cb7207BCDE');
    expect(Number(timer?.triggerTime)).toBeGreaterThan(Number(timer?.ts));
    await client().cancelAllAfter({ timeOut: '0' });
  });

  it('is refused with 50113 when the secret is wrong', async () => {
    await expect(client('wrong-secret').getBalance()).rejects.toMatchObject({ code: '50113' });
  });
});
