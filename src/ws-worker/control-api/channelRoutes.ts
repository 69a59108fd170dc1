import type { FastifyInstance } from 'fastify';
import type { UserChannel } from '../../exchange/port/index.ts';
import { refuse } from './refuse.ts';
import { parseKlineRequest } from './requestSchemas.ts';
import type { WorkerControl } from './WorkerControl.ts';

/** Path segment and message noun of each private channel, as the original answered. */
const USER_CHANNELS: readonly { path: string; channel: UserChannel; noun: string }[] = [
  { path: 'orders', channel: 'orders', noun: 'orders' },
  { path: 'positions', channel: 'positions', noun: 'positions' },
  { path: 'balance', channel: 'balance', noun: 'balance' },
];

/** `/klines/(un)subscribe` and its legacy aliases `/(un)subscribe`, and the private channels. */
export function registerChannelRoutes(app: FastifyInstance, control: WorkerControl): void {
  for (const prefix of ['/klines', '']) {
    app.post(`${prefix}/subscribe`, async (request, reply) => {
      const parsed = parseKlineRequest(request.body);
      if ('error' in parsed) return refuse(reply, { ok: false, status: 400, error: parsed.error });
      const outcome = await control.subscribeKlines(parsed.symbol, parsed.timeframes);
      if (!outcome.ok) return refuse(reply, outcome);
      return {
        ok: true,
        message: `Subscribed to klines for ${parsed.symbol} with timeframes: ${parsed.timeframes.join(', ')}`,
      };
    });
    app.post(`${prefix}/unsubscribe`, async (request, reply) => {
      const parsed = parseKlineRequest(request.body);
      if ('error' in parsed) return refuse(reply, { ok: false, status: 400, error: parsed.error });
      const outcome = await control.unsubscribeKlines(parsed.symbol, parsed.timeframes);
      if (!outcome.ok) return refuse(reply, outcome);
      return {
        ok: true,
        message: `Unsubscribed from klines for ${parsed.symbol} with timeframes: ${parsed.timeframes.join(', ')}`,
      };
    });
  }
  for (const { path, channel, noun } of USER_CHANNELS) {
    app.post(`/${path}/subscribe`, async (_request, reply) => {
      const outcome = control.subscribeUser(channel);
      return outcome.ok ? { ok: true, message: `Subscribed to ${noun}` } : refuse(reply, outcome);
    });
    app.post(`/${path}/unsubscribe`, async (_request, reply) => {
      const outcome = control.unsubscribeUser(channel);
      return outcome.ok ? { ok: true, message: `Unsubscribed from ${noun}` } : refuse(reply, outcome);
    });
  }
}
