import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { ManualClock } from '../../src/platform/clock/index.ts';
import { startTestSimulator } from '../support/testSimulator.ts';

describe('simulator faults configured from the environment', () => {
  it('drops every WebSocket connection each SIM_WS_DROP_EVERY_S seconds of its clock', async () => {
    const clock = new ManualClock(Date.now());
    const { simulator, publicWsUrl } = await startTestSimulator({ SIM_WS_DROP_EVERY_S: '30' }, clock);
    try {
      const client = new WebSocket(publicWsUrl);
      await once(client, 'open');
      const closed = once(client, 'close');
      clock.advance(29_000);
      expect(client.readyState).toBe(WebSocket.OPEN);
      clock.advance(1_000);
      await closed;
      expect(simulator.wsStats().connections).toBe(0);
    } finally {
      await simulator.stop();
    }
  });

  it('answers order detail with 40035 until SIM_ORDER_VISIBILITY_MS has passed', async () => {
    const clock = new ManualClock(Date.now());
    const { simulator } = await startTestSimulator({ SIM_ORDER_VISIBILITY_MS: '400' }, clock);
    try {
      const { accountId } = simulator.account;
      const submitted = simulator.engine.submitOrder(accountId, {
        symbol: 'BTCUSDT',
        side: 1,
        type: 'market',
        mode: 1,
        size: 1,
      });
      if (!submitted.ok) throw new Error(submitted.error.message);
      const early = simulator.engine.order(accountId, 'BTCUSDT', submitted.value.orderId);
      expect(early.ok ? 'visible' : early.error.code).toBe(40035);
      clock.advance(400);
      const late = simulator.engine.order(accountId, 'BTCUSDT', submitted.value.orderId);
      expect(late.ok && late.value.dealSize).toBe(1);
    } finally {
      await simulator.stop();
    }
  });
});
