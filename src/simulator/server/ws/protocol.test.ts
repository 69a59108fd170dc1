import { afterEach, describe, expect, it } from 'vitest';
import {
  BitmartWsErrorReplySchema,
  BitmartWsPongSchema,
  BitmartWsSubscriptionAckSchema,
} from '../../../exchange/bitmart/protocol/wire/wsReplies.ts';
import { type Harness, startHarness } from './testHarness.ts';

let harness: Harness | undefined;

async function start(options: { lifelessCloseMs?: number } = {}): Promise<Harness> {
  harness = await startHarness(options);
  return harness;
}

afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

describe('futures WebSocket protocol', () => {
  it('acknowledges each topic of a request separately, echoing that topic and carrying no data key', async () => {
    const { connect } = await start();
    const client = await connect();
    client.send({ action: 'subscribe', args: ['futures/klineBin1m:BTCUSDT', 'futures/ticker:ETHUSDT'] });
    const first = await client.nextReply('subscribe');
    const second = await client.nextReply('subscribe');
    expect(first).toEqual({
      action: 'subscribe',
      group: 'futures/klineBin1m:BTCUSDT',
      success: true,
      request: { action: 'subscribe', args: ['futures/klineBin1m:BTCUSDT'] },
    });
    expect(second).toMatchObject({ group: 'futures/ticker:ETHUSDT', request: { args: ['futures/ticker:ETHUSDT'] } });
    for (const ack of [first, second]) {
      expect(ack).not.toHaveProperty('data');
      BitmartWsSubscriptionAckSchema.parse(ack);
    }
    client.send({ action: 'unsubscribe', args: ['futures/ticker:ETHUSDT'] });
    const unsubscribed = await client.nextReply('unsubscribe');
    expect(unsubscribed).toEqual({
      action: 'unsubscribe',
      group: 'futures/ticker:ETHUSDT',
      success: true,
      request: { action: 'unsubscribe', args: ['futures/ticker:ETHUSDT'] },
    });
  });

  it('answers a JSON ping with the System pong, a text ping with pong, and a ping frame with a pong frame', async () => {
    const { connect } = await start();
    const client = await connect();
    client.send({ action: 'ping' });
    BitmartWsPongSchema.parse((await client.next()).json);
    client.send('ping');
    expect((await client.next()).text).toBe('pong');
    const pong = new Promise<string>((resolve) => client.socket.once('pong', (data) => resolve(String(data))));
    client.socket.ping('are-you-there');
    expect(await pong).toBe('are-you-there');
  });

  it('refuses a request whose args exceed 4096 bytes and subscribes nothing', async () => {
    const { connect, stats } = await start();
    const client = await connect();
    const args = Array.from({ length: 200 }, () => 'futures/klineBin1m:BTCUSDT');
    client.send({ action: 'subscribe', args });
    const reply = (await client.next()).json;
    expect(reply).toMatchObject({ action: 'subscribe', success: false });
    expect(String(reply?.error)).toContain('4096');
    expect(stats().subscriptions).toBe(0);
  });

  it('reports an invalid action per topic, as BitMart does', async () => {
    const { connect } = await start();
    const client = await connect();
    client.send({ action: '', args: ['futures/trade:BTCUSDT'] });
    const reply = (await client.next()).json;
    expect(reply).toEqual({
      action: '',
      group: 'futures/trade:BTCUSDT',
      success: false,
      request: { action: '', args: ['futures/trade:BTCUSDT'] },
      error: 'Invalid action [] for group [futures/trade:BTCUSDT]',
    });
    BitmartWsErrorReplySchema.parse(reply);
  });

  it('reports an unknown group or an unlisted symbol as a group that does not exist', async () => {
    const { connect } = await start();
    const client = await connect();
    client.send({ action: 'subscribe', args: ['sfutures/depth50:BTCUSDT', 'futures/depth50:NOPEUSDT'] });
    expect((await client.next()).json).toEqual({
      action: 'subscribe',
      group: 'sfutures/depth50:BTCUSDT',
      success: false,
      request: { action: 'subscribe', args: ['sfutures/depth50:BTCUSDT'] },
      error: 'group [sfutures/depth50:BTCUSDT] not exist',
    });
    expect((await client.next()).json).toMatchObject({ error: 'group [futures/depth50:NOPEUSDT] not exist' });
  });

  it('answers text that is not JSON with an error and keeps the connection', async () => {
    const { connect } = await start();
    const client = await connect();
    client.send('{"action": subscribe');
    const reply = (await client.next()).json;
    expect(reply).toMatchObject({ success: false });
    BitmartWsErrorReplySchema.parse(reply);
    client.send({ action: 'ping' });
    expect((await client.next()).json).toEqual({ group: 'System', data: 'pong' });
  });

  it('serves public channels on /user as well as /api', async () => {
    const { connect } = await start();
    const client = await connect('/user');
    client.send({ action: 'subscribe', args: ['futures/klineBin1m:BTCUSDT'] });
    expect(await client.nextReply('subscribe')).toMatchObject({ success: true });
    expect(await client.nextPush('futures/klineBin1m:BTCUSDT')).toHaveProperty('data');
  });

  it('closes a connection that subscribes to nothing within the lifeless delay, and only that one', async () => {
    const { connect, clock, stats } = await start({ lifelessCloseMs: 5_000 });
    const idle = await connect();
    const busy = await connect();
    busy.send({ action: 'subscribe', args: ['futures/trade:BTCUSDT'] });
    await busy.nextReply('subscribe');
    clock.advance(4_999);
    idle.send({ action: 'ping' });
    await idle.next();
    clock.advance(1);
    expect((await idle.closed).code).toBe(1008);
    busy.send({ action: 'ping' });
    expect((await busy.next()).json).toEqual({ group: 'System', data: 'pong' });
    expect(stats().connections).toBe(1);
  });

  it('drops every connection on dropAll and says how many', async () => {
    const { connect, gateway, stats } = await start();
    const first = await connect();
    const second = await connect('/user');
    first.send({ action: 'subscribe', args: ['futures/trade:BTCUSDT'] });
    await first.nextReply('subscribe');
    expect(gateway.dropAll()).toBe(2);
    await Promise.all([first.closed, second.closed]);
    expect(stats()).toEqual({ connections: 0, subscriptions: 0 });
    const third = await connect();
    third.send({ action: 'ping' });
    expect((await third.next()).json).toEqual({ group: 'System', data: 'pong' });
  });

  it('closes every connection with "going away" when the gateway closes', async () => {
    const { connect, gateway } = await start();
    const client = await connect();
    await gateway.close();
    expect((await client.closed).code).toBe(1001);
  });
});
