import { describe, expect, it } from 'vitest';
import { Dec } from '../../platform/decimal/index.ts';
import { parseSnapshot, serializeSnapshot } from './snapshot.ts';

describe('execution store snapshot', () => {
  it('loads a file written before the client order id base and the quantity unit existed', () => {
    const text = JSON.stringify({
      version: 1,
      entries: [
        {
          id: 'old1',
          symbol: 'BTCUSDT',
          side: 'long',
          zoneMin: '94000',
          zoneMax: '94500',
          quantity: '10',
          createdAt: 1,
          timeoutAt: 2,
          attempt: 0,
          expired: false,
        },
      ],
      positions: [
        {
          id: 'old2',
          symbol: 'BTCUSDT',
          side: 'short',
          size: '3',
          entryPrice: '95000',
          entryOrderId: '42',
          createdAt: 1,
          closeAttempt: 1,
          takeProfit: '93000',
          stopLoss: '96000',
          closing: { reason: 'stop_loss', clientOrderId: 'old2c1' },
          closeFailures: 0,
        },
      ],
      finished: ['old0'],
    });
    const snapshot = parseSnapshot(text);
    expect(snapshot.entries[0]).toMatchObject({ clientOrderIdBase: 'old1', quantityUnit: 'contracts' });
    expect(snapshot.entries[0]?.requestedQuantity.toFixed()).toBe('10');
    expect(snapshot.positions[0]).toMatchObject({ clientOrderIdBase: 'old2', entryClientOrderId: 'old2' });
    // Before trade management: one target (its take profit), the stop never moved, all of it filled.
    const management = snapshot.positions[0]?.management;
    expect(management?.targets.map((target) => target.price.toFixed())).toEqual(['93000']);
    expect(management).toMatchObject({ targetsFilled: 0, stopMoved: false, trailing: undefined });
    expect(management?.entryFilled.toFixed()).toBe('3');
    expect(management?.initialStopLoss?.toFixed()).toBe('96000');
    expect(snapshot.entries[0]).toMatchObject({ targets: [], trailing: undefined, fallback: undefined });
  });

  it('keeps a managed position through a write and a read, every Dec exact', () => {
    const [position] = parseSnapshot(
      JSON.stringify({ version: 1, entries: [], positions: [legacyPosition()], finished: [] }),
    ).positions;
    if (!position) throw new Error('no position');
    const management = position.management;
    Object.assign(management, {
      trailing: { mode: 'atr_chandelier', atr: new Dec('150.05'), atrK: new Dec('1.5') },
      timeStopAt: 5_000,
      targetsFilled: 1,
      stopMoved: true,
      extreme: new Dec('96500.1'),
    });
    management.protections.stop = {
      clientOrderId: 'p1s2',
      orderId: '9',
      triggerPrice: new Dec('96200'),
      size: undefined,
    };
    management.protections.stopOrders = 2;
    const text = serializeSnapshot({ entries: [], positions: [position], finished: [], roles: [] });
    const [again] = parseSnapshot(text).positions;
    expect(again?.management).toEqual(position.management);
  });
});

function legacyPosition() {
  return {
    id: 'p1',
    symbol: 'BTCUSDT',
    side: 'long',
    size: '5',
    entryPrice: '94399.9',
    stopLoss: '93000',
    takeProfit: '97000',
    entryOrderId: '42',
    createdAt: 1,
    closeAttempt: 1,
    closeFailures: 0,
  };
}
