import { z } from 'zod';

/**
 * Client → server frames of the futures V2 WebSocket (docs/reference/bitmart-wire.md#websocket-requests). These are
 * inputs the simulator receives and our client sends, so they are parsed strictly: unknown keys are refused.
 */

/**
 * A topic `<business>/<channel>[:<filter>][@<speed>]`: "futures/klineBin1m:BTCUSDT",
 * "futures/depth20:BTCUSDT@200ms", "futures/order". Whether the group exists is the server's
 * business (an unknown one gets a `success:false` reply), not the frame's.
 */
export const BitmartWsTopicSchema = z.string().regex(/^[A-Za-z]+\/[A-Za-z0-9]+(:[A-Za-z0-9_]+)?(@\d+ms)?$/, {
  message: 'expected a topic such as futures/klineBin1m:BTCUSDT',
});
export type BitmartWsTopic = z.infer<typeof BitmartWsTopicSchema>;

const topicList = z.array(BitmartWsTopicSchema).min(1);

export const BitmartWsSubscribeSchema = z.strictObject({ action: z.literal('subscribe'), args: topicList });
export type BitmartWsSubscribe = z.infer<typeof BitmartWsSubscribeSchema>;

export const BitmartWsUnsubscribeSchema = z.strictObject({ action: z.literal('unsubscribe'), args: topicList });
export type BitmartWsUnsubscribe = z.infer<typeof BitmartWsUnsubscribeSchema>;

/** A one-shot snapshot request, valid for depthIncrease and fundingRate topics. */
export const BitmartWsRequestSchema = z.strictObject({ action: z.literal('request'), args: topicList });
export type BitmartWsRequest = z.infer<typeof BitmartWsRequestSchema>;

/**
 * The private login: `[apiKey, timestamp in ms as a STRING, lowercase hex signature, device]`.
 * The signature is HMAC-SHA256 over `timestamp#memo#bitmart.WebSocket` (bitmart-wire.md#signing); every client sends
 * the device "web". The timestamp's skew is checked by the server, not here.
 */
export const BitmartWsAccessSchema = z.strictObject({
  action: z.literal('access'),
  args: z.tuple([
    z.string().min(1),
    z.string().regex(/^\d+$/, 'expected the login timestamp in ms as a string'),
    z.string().regex(/^[0-9a-f]{64}$/, 'expected a lowercase hex HMAC-SHA256 signature'),
    z.string().min(1),
  ]),
});
export type BitmartWsAccess = z.infer<typeof BitmartWsAccessSchema>;

/** The JSON heartbeat; the server answers `{"group":"System","data":"pong"}` (bitmart-wire.md#heartbeat). */
export const BitmartWsPingSchema = z.strictObject({ action: z.literal('ping') });
export type BitmartWsPing = z.infer<typeof BitmartWsPingSchema>;

/** Any frame a client may send. */
export const BitmartWsClientMessageSchema = z.discriminatedUnion('action', [
  BitmartWsSubscribeSchema,
  BitmartWsUnsubscribeSchema,
  BitmartWsRequestSchema,
  BitmartWsAccessSchema,
  BitmartWsPingSchema,
]);
export type BitmartWsClientMessage = z.infer<typeof BitmartWsClientMessageSchema>;
