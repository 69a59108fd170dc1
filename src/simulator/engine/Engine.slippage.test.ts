import { describe, expect, it } from 'vitest';
import { accepted, BTC, dec, engineFixture } from './engineTestKit.ts';

function fillPrices(fixture: ReturnType<typeof engineFixture>, orderId: string): string[] {
  return fixture.engine
    .trades(fixture.accountId, { startMs: 0, endMs: Number.MAX_SAFE_INTEGER, orderId })
    .map((fill) => fill.price.toFixed());
}

describe('engine market slippage', () => {
  it('moves a market buy up and a market sell down by the basis points, to the tick away from the taker', () => {
    const fixture = engineFixture({ marketSlippageBps: 7 });
    // The ask is 60000.1: × 1.0007 = 60042.10007, up to 60042.2.
    const buy = accepted(fixture.submit({ side: 1, size: 2 }));
    expect(fillPrices(fixture, buy.orderId)).toEqual(['60042.2']);
    // The bid is 59999.9: × 0.9993 = 59957.90007, down to 59957.9; the taker fee is on that price.
    const sell = accepted(fixture.submit({ side: 3, size: 2 }));
    expect(fillPrices(fixture, sell.orderId)).toEqual(['59957.9']);
    const [fill] = fixture.engine.trades(fixture.accountId, {
      startMs: 0,
      endMs: Number.MAX_SAFE_INTEGER,
      orderId: sell.orderId,
    });
    // 2 × 0.001 × (59957.9 − 60042.2)
    expect(fill?.realizedPnl.toFixed()).toBe('-0.1686');
    expect(fill?.fee.toFixed()).toBe(dec('59957.9').mul('0.002').mul('0.0006').toFixed());
  });

  it('keeps a limit order that takes at its book prices', () => {
    const fixture = engineFixture({ marketSlippageBps: 7 });
    const buy = accepted(fixture.submit({ side: 1, type: 'limit', price: dec('60000.5'), size: 2 }));
    expect(fillPrices(fixture, buy.orderId)).toEqual(['60000.1']);
  });

  it('moves the market order a triggered stop places', () => {
    const fixture = engineFixture({ marketSlippageBps: 10 });
    accepted(fixture.submit({ side: 1, size: 1 }));
    const stop = accepted(
      fixture.engine.submitTpSl(fixture.accountId, {
        symbol: BTC,
        side: 3,
        type: 'stop_loss',
        size: 1,
        triggerPrice: dec('59000'),
        executivePrice: dec('0'),
        priceType: 1,
        planCategory: 2,
        clientOrderId: 'stop1',
      }),
    );
    expect(stop.orderId).toBeTruthy();
    fixture.market.setPrice(BTC, dec('58990'));
    const closing = fixture.engine
      .trades(fixture.accountId, { startMs: 0, endMs: Number.MAX_SAFE_INTEGER })
      .filter((fill) => fill.side === 3);
    // The bid a tick under 58990: 58989.9 × 0.999 = 58930.9101, down to 58930.9.
    expect(closing.map((fill) => fill.price.toFixed())).toEqual(['58930.9']);
  });
});
