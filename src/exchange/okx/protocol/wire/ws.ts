import { z } from 'zod';

/**
 * WebSocket frames (https://www.okx.com/docs-v5/en/#overview-websocket): plain JSON text, except the
 * keep-alive, which is the text `ping` answered by the text `pong`. Clients send `{op, args, id?}`;
 * the server answers with `event` frames (one `subscribe` ack per arg, echoing `id`) and pushes
 * `{arg, data}` frames, which carry no `event`.
 */

export const OKX_WS_PING = 'ping';
export const OKX_WS_PONG = 'pong';

/** `/ws/v5/public`, `/ws/v5/private`, `/ws/v5/business`. */
export type OkxWsEndpoint = 'public' | 'private' | 'business';

export const OkxWsLoginArgSchema = z.looseObject({
  apiKey: z.string(),
  passphrase: z.string(),
  /** Unix seconds; hummingbot sends a number. */
  timestamp: z.union([z.string(), z.number()]),
  sign: z.string(),
});
export type OkxWsLoginArg = z.input<typeof OkxWsLoginArgSchema>;

/** A subscription argument: `{channel, instId?, instType?, instFamily?, ccy?, extraParams?}`. */
export const OkxWsChannelArgSchema = z.looseObject({
  channel: z.string(),
  instId: z.string().optional(),
  instType: z.string().optional(),
  instFamily: z.string().optional(),
  ccy: z.string().optional(),
});
export type OkxWsChannelArg = z.infer<typeof OkxWsChannelArgSchema>;

export const OkxWsRequestSchema = z.discriminatedUnion('op', [
  z.looseObject({ id: z.string().optional(), op: z.literal('login'), args: z.array(OkxWsLoginArgSchema).min(1) }),
  z.looseObject({
    id: z.string().optional(),
    op: z.enum(['subscribe', 'unsubscribe']),
    args: z.array(OkxWsChannelArgSchema).min(1),
  }),
]);
export type OkxWsRequest = z.input<typeof OkxWsRequestSchema>;

/** `{"event":"login","code":"0","msg":"","connId":"…"}`. */
export const OkxWsLoginEventSchema = z.looseObject({
  id: z.string().optional(),
  event: z.literal('login'),
  code: z.string(),
  msg: z.string(),
  connId: z.string().optional(),
});

/** `{"id":"1","event":"subscribe","arg":{…},"connId":"…"}`. */
export const OkxWsSubscriptionEventSchema = z.looseObject({
  id: z.string().optional(),
  event: z.enum(['subscribe', 'unsubscribe']),
  arg: OkxWsChannelArgSchema,
  connId: z.string().optional(),
});

/** `{"event":"error","code":"60012","msg":"Invalid request: …","connId":"…"}`; `notice` 64008 alike. */
export const OkxWsErrorEventSchema = z.looseObject({
  id: z.string().optional(),
  event: z.enum(['error', 'notice']),
  code: z.string(),
  msg: z.string(),
  connId: z.string().optional(),
});

export const OkxWsEventSchema = z.union([
  OkxWsLoginEventSchema,
  OkxWsSubscriptionEventSchema,
  OkxWsErrorEventSchema,
  z.looseObject({ event: z.enum(['channel-conn-count', 'channel-conn-count-error']), channel: z.string() }),
]);
export type OkxWsEvent = z.infer<typeof OkxWsEventSchema>;

/**
 * A push: `{arg, data[]}`; private pushes add `arg.uid`; `account` and `positions` add `eventType`
 * (`snapshot` | `event_update`) and, on snapshots, `curPage`/`lastPage`.
 */
export function okxWsPush<Item extends z.ZodType>(itemSchema: Item) {
  return z.looseObject({
    arg: OkxWsChannelArgSchema.extend({ uid: z.string().optional() }),
    data: z.array(itemSchema),
    action: z.enum(['snapshot', 'update']).optional(),
    eventType: z.enum(['snapshot', 'event_update']).optional(),
    curPage: z.number().int().optional(),
    lastPage: z.boolean().optional(),
  });
}

/** The channels of each endpoint the simulator and our client use. */
export const OKX_PUBLIC_CHANNELS = ['tickers', 'mark-price', 'books5', 'books', 'funding-rate', 'trades'] as const;
export const OKX_PRIVATE_CHANNELS = ['orders', 'positions', 'account'] as const;
/** Besides these, every `candle<bar>` channel is a business channel. */
export const OKX_BUSINESS_CHANNELS = ['orders-algo'] as const;
