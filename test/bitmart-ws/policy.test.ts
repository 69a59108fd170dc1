import { describe, expect, it } from 'vitest';
import { reconnectDelay, silenceTimeoutFor } from '../../src/exchange/bitmart/ws/connectionPolicy.ts';
import { batchTopics } from '../../src/exchange/bitmart/ws/subscriptionBatches.ts';

describe('subscription batches', () => {
  it('splits 45 topics into 20 + 20 + 5', () => {
    const topics = Array.from({ length: 45 }, (_, i) => `futures/klineBin1m:SYM${i}USDT`);
    expect(batchTopics(topics, 20).map((batch) => batch.length)).toEqual([20, 20, 5]);
  });

  it('keeps the args of every request within 4096 bytes, whatever the batch size', () => {
    const topics = Array.from({ length: 300 }, (_, i) => `futures/depthAll50:LONGSYMBOLNAME${i}USDT@100ms`);
    const batches = batchTopics(topics, 100);
    expect(batches.flat()).toEqual(topics);
    for (const batch of batches) expect(Buffer.byteLength(JSON.stringify(batch))).toBeLessThanOrEqual(4096);
    expect(batches.length).toBeGreaterThan(3);
  });
});

describe('reconnect backoff', () => {
  it('doubles from the base, is capped, and never falls below half of it', () => {
    const low = (attempt: number) => reconnectDelay(attempt, 5_000, 60_000, () => 0);
    const high = (attempt: number) => reconnectDelay(attempt, 5_000, 60_000, () => 0.999_999);
    expect([0, 1, 2, 3, 4, 10].map(low)).toEqual([2_500, 5_000, 10_000, 20_000, 30_000, 30_000]);
    expect([0, 1, 2, 3, 4, 10].map(high)).toEqual([5_000, 10_000, 20_000, 40_000, 60_000, 60_000]);
  });

  it('declares a link dead after two missed pongs plus a margin: 35 s with the 15 s ping', () => {
    expect(silenceTimeoutFor(15_000)).toBe(35_000);
  });
});
