import { afterEach, describe, expect, it } from 'vitest';
import { createOkxExchange } from '../../src/exchange/okx/createOkxExchange.ts';
import { ManualClock } from '../../src/platform/clock/index.ts';
import { Dec, roundToStep } from '../../src/platform/decimal/index.ts';
import { RetryableError } from '../../src/platform/errors/exchangeErrors.ts';
import { startTestSimulator } from '../support/testSimulator.ts';
import { waitFor } from '../support/waitFor.ts';

const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of stops.splice(0).reverse()) await stop();
});

describe("OKX rate limits, against the simulator's OKX face counting as OKX does", () => {
  it('a burst of entries waits per instrument instead of meeting 50011; a close and another instrument go at once', async () => {
    const clock = new ManualClock(Date.now());
    const started = await startTestSimulator({ SIM_VENUE: 'okx', SIM_RATE_LIMITS: '1' }, clock);
    started.simulator.market.pause();
    stops.push(() => started.simulator.stop());
    const { account } = started.simulator;
    const exchange = createOkxExchange({
      config: {
        restUrl: started.restUrl,
        credentials: { apiKey: account.apiKey, apiSecret: account.apiSecret, passphrase: account.apiMemo },
        demo: false,
      },
      clock,
    });
    stops.push(() => exchange.stop());
    await exchange.start();
    await exchange.positionMode();
    const priceOf = async (symbol: string) => {
      const [contract] = await exchange.contracts(symbol);
      return roundToStep((contract?.lastPrice ?? new Dec(1)).mul(0.8), contract?.tickSize ?? new Dec('0.1'));
    };
    const [btcPrice, ethPrice] = [await priceOf('BTCUSDT'), await priceOf('ETHUSDT')];
    const entry = (symbol: string, price: Dec, index: number) =>
      exchange.submitOrder({
        symbol,
        clientOrderId: `burst${symbol.slice(0, 3)}${index}`,
        side: 'open_long',
        type: 'limit',
        size: new Dec(1),
        price,
      });

    // OKX allows 60 place-orders per 2 s per instrument (70 at once would meet 50011); entries leave the last sixth (10) free.
    const settled: string[] = [];
    const burst = Array.from({ length: 70 }, (_, index) =>
      entry('BTCUSDT', btcPrice, index).then(
        () => settled.push('ok'),
        (error: unknown) => settled.push(error instanceof RetryableError ? 'rate-limited' : 'other'),
      ),
    );
    await waitFor(() => settled.length === 50, 'the 50 entries the window allows');
    expect(settled.filter((outcome) => outcome === 'ok')).toHaveLength(50);

    // A close may use the reserve; it is refused for want of a position, but it was sent at once.
    const close = exchange
      .submitOrder({
        symbol: 'BTCUSDT',
        clientOrderId: 'closeburst',
        side: 'close_long',
        type: 'market',
        size: new Dec(1),
      })
      .then(
        () => 'ok',
        (error: unknown) => (error instanceof RetryableError ? 'rate-limited' : 'refused'),
      );
    expect(await close).toBe('refused');
    // ETH has its own budget.
    await entry('ETHUSDT', ethPrice, 0);
    expect(settled).toHaveLength(50);

    clock.advance(2_200);
    await Promise.all(burst);
    expect(settled).toEqual(Array.from({ length: 70 }, () => 'ok'));
  });
});
