import { afterEach, describe, expect, it } from 'vitest';
import { createOkxExchange } from '../../src/exchange/okx/createOkxExchange.ts';
import { createOkxStreams } from '../../src/exchange/okx/streams/createOkxStreams.ts';
import type { StreamEvent } from '../../src/exchange/port/streams.ts';
import { ManualClock } from '../../src/platform/clock/index.ts';
import { silentLogger } from '../../src/platform/logging/logger.ts';
import { startTestSimulator } from '../support/testSimulator.ts';
import { waitFor } from '../support/waitFor.ts';

const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of stops.splice(0).reverse()) await stop();
});

async function userStreamWith(passphraseOrSecret: { apiSecret?: string; passphrase?: string }) {
  const clock = new ManualClock(Date.now());
  const started = await startTestSimulator({ SIM_VENUE: 'okx', SIM_OKX_WS_IDLE_CLOSE: '0' }, clock);
  stops.push(() => started.simulator.stop());
  const { account, wsUrl } = started.simulator;
  const credentials = {
    apiKey: account.apiKey,
    apiSecret: passphraseOrSecret.apiSecret ?? account.apiSecret,
    passphrase: passphraseOrSecret.passphrase ?? account.apiMemo,
  };
  const exchange = createOkxExchange({ config: { restUrl: started.restUrl, credentials, demo: false }, clock });
  stops.push(() => exchange.stop());
  const { user, market } = createOkxStreams({
    config: {
      publicWsUrl: `${wsUrl}/ws/v5/public`,
      privateWsUrl: `${wsUrl}/ws/v5/private`,
      businessWsUrl: `${wsUrl}/ws/v5/business`,
      credentials,
    },
    clock,
    logger: silentLogger(),
    exchange,
  });
  if (!user) throw new Error('credentials were given');
  stops.push(
    () => user.stop(),
    () => market.stop(),
  );
  const statuses: StreamEvent[] = [];
  user.onStatus((event) => statuses.push(event));
  return { user, statuses };
}

describe('OKX private WebSocket login', () => {
  it('logs in with a seconds timestamp at the server time, then subscribes', async () => {
    const { user, statuses } = await userStreamWith({});
    user.subscribe(['orders', 'positions', 'balance']);
    await user.start();
    await waitFor(() => user.health().filter((topic) => topic.subscribed).length === 3, 'three private channels');
    expect(statuses.map((event) => event.type)).toEqual(['connected']);
  });

  it('a refused login is reported as a disconnection with the venue’s reason, and nothing is subscribed', async () => {
    const { user, statuses } = await userStreamWith({ apiSecret: 'not-the-secret' });
    user.subscribe(['orders']);
    await user.start();
    await waitFor(() => statuses.some((event) => event.type === 'disconnected'), 'the refused login');
    const disconnected = statuses.find((event) => event.type === 'disconnected');
    expect(disconnected && 'reason' in disconnected ? disconnected.reason : '').toMatch(
      /^login refused by OKX: 60\d{3} /,
    );
    expect(user.health().every((topic) => !topic.subscribed)).toBe(true);
  });
});
