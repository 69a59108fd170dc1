import { z } from 'zod';

/**
 * Server replies to client frames on the futures V2 WebSocket (docs/reference/bitmart-wire.md#websocket-replies,
 * #heartbeat). Futures has no numeric WS error codes: a failure is `success:false` with free-form `error` text.
 */

/** The client frame a reply echoes. Its `action` may be "" when the client sent an invalid one. */
const echoedRequestSchema = z.looseObject({ action: z.string(), args: z.array(z.string()) });

/**
 * A successful subscribe/unsubscribe ack, one per topic even when the request carried several.
 * It **must not** have a `data` key: ccxt routes any frame with `data` to the channel handlers.
 */
export const BitmartWsSubscriptionAckSchema = z.looseObject({
  action: z.enum(['subscribe', 'unsubscribe']),
  group: z.string().min(1),
  success: z.literal(true),
  request: echoedRequestSchema,
  data: z.never({ message: 'an ack must not carry a data key' }).optional(),
});
export type BitmartWsSubscriptionAck = z.infer<typeof BitmartWsSubscriptionAckSchema>;

/**
 * The reply to `access` (the private login). A failed login carries `error` and the server then
 * closes the connection: `{"action":"access","success":false,"error":"access failed: …"}`.
 */
export const BitmartWsAccessReplySchema = z.looseObject({
  action: z.literal('access'),
  success: z.boolean(),
  error: z.string().optional(),
  data: z.never({ message: 'a login reply must not carry a data key' }).optional(),
});
export type BitmartWsAccessReply = z.infer<typeof BitmartWsAccessReplySchema>;

/**
 * A refused frame. Real shapes vary: a private topic before login has no `request`, an unknown
 * group echoes it, an invalid action echoes `action:""`, the docs' generic sample has an odd
 * group ("Depth:1"). Only `success:false` and the `error` text are always there.
 */
export const BitmartWsErrorReplySchema = z.looseObject({
  action: z.string(),
  group: z.string().optional(),
  success: z.literal(false),
  request: echoedRequestSchema.optional(),
  error: z.string().min(1),
  data: z.never({ message: 'an error reply must not carry a data key' }).optional(),
});
export type BitmartWsErrorReply = z.infer<typeof BitmartWsErrorReplySchema>;

/** Any reply to a client frame (acks, login replies, errors); pushes and pong are not replies. */
export const BitmartWsReplySchema = z.union([
  BitmartWsSubscriptionAckSchema,
  BitmartWsAccessReplySchema,
  BitmartWsErrorReplySchema,
]);
export type BitmartWsReply = z.infer<typeof BitmartWsReplySchema>;

/**
 * The answer to `{"action":"ping"}`: `{"group":"System","data":"pong"}` (bitmart-wire.md#heartbeat; JKorf, bitmart-api
 * and a third-party connector agree). bitmart-api only checks that `data` starts with "pong".
 */
export const BitmartWsPongSchema = z.looseObject({ group: z.literal('System'), data: z.literal('pong') });
export type BitmartWsPong = z.infer<typeof BitmartWsPongSchema>;
