import { describe, expect, it } from 'vitest';
import { parseSnapshot } from './snapshot.ts';

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
  });
});
