import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Order } from '../../src/exchange/port/types.ts';
import { Dec } from '../../src/platform/decimal/index.ts';
import { ToldOrders } from '../../src/ws-worker/signals/ToldOrders.ts';
import { createWorkspace, type Workspace } from './support/harness.ts';

function order(orderId: string, status: Order['status'], filled = '0', symbol = 'BTCUSDT'): Order {
  return {
    orderId,
    clientOrderId: `C${orderId}`,
    symbol,
    side: 'open_long',
    type: 'limit',
    status,
    price: new Dec('100'),
    size: new Dec('2'),
    filledSize: new Dec(filled),
    averageFillPrice: undefined,
    leverage: undefined,
    marginMode: undefined,
    createdAt: 1,
    updatedAt: 2,
  };
}

describe('ToldOrders: what the app was last told', () => {
  let workspace: Workspace;
  beforeEach(async () => {
    workspace = await createWorkspace();
  });
  afterEach(async () => {
    await workspace.remove();
  });

  it('knows which states are news: a later status or a larger fill, never an older one', () => {
    const told = new ToldOrders(workspace.directory);
    told.told(order('1', 'partially_filled', '1'), 10);
    expect(told.isNews(order('1', 'open'))).toBe(false);
    expect(told.isNews(order('1', 'partially_filled', '1'))).toBe(false);
    expect(told.isNews(order('1', 'partially_filled', '1.5'))).toBe(true);
    expect(told.isNews(order('1', 'canceled', '1'))).toBe(true);
    expect(told.isNews(order('2', 'open'))).toBe(true);
    told.told(order('1', 'open'), 11);
    expect(told.open().get('1')).toMatchObject({ status: 'partially_filled', filledSize: '1' });
  });

  it('keeps open orders, recent symbols and the watermark across a restart, and drops a torn write', async () => {
    const first = new ToldOrders(workspace.directory);
    await first.load();
    first.told(order('4294967296', 'open', '0', 'ETHUSDT'), 10);
    first.told(order('7', 'open'), 11);
    first.told(order('8', 'filled', '2'), 12);
    first.advanceWatermark(1_000);
    await first.persist();
    await writeFile(join(workspace.directory, 'told-orders.json.3.tmp'), '{"version":');

    const second = new ToldOrders(workspace.directory);
    await second.load();
    expect([...second.open().keys()]).toEqual(['4294967296', '7']);
    expect(second.symbols()).toEqual(['ETHUSDT', 'BTCUSDT']);
    expect(second.watermark).toBe(1_000);
    expect(second.isNews(order('8', 'filled', '2'))).toBe(false);
    expect(await readdir(workspace.directory)).toEqual(['told-orders.json']);
    second.advanceWatermark(500);
    expect(second.watermark).toBe(1_000);
  });

  it('forgets the oldest finished orders beyond 5,000, never an open one', () => {
    const told = new ToldOrders(workspace.directory);
    told.told(order('open-1', 'open'), 1);
    for (let index = 0; index <= 5_000; index++) told.told(order(`f${index}`, 'filled', '2'), 2);
    expect(told.isNews(order('f0', 'filled', '2'))).toBe(true);
    expect(told.isNews(order('f1', 'filled', '2'))).toBe(false);
    expect(told.open().has('open-1')).toBe(true);
  });
});
