import {
  type BitmartWsAccessReply,
  BitmartWsAccessReplySchema,
  type BitmartWsErrorReply,
  BitmartWsErrorReplySchema,
  type BitmartWsSubscriptionAck,
  BitmartWsSubscriptionAckSchema,
} from '../protocol/wire/index.ts';

/**
 * What a server frame is, told apart by shape (docs/reference/bitmart-wire.md#websocket-replies, #heartbeat,
 * #push-envelope): a frame with `group` and `data` is a push (or the JSON pong, group "System"); a frame with `success`
 * is a reply. Push bodies are validated later by the stream that knows the channel; replies here.
 */
export type IncomingFrame =
  | { readonly kind: 'pong' }
  | { readonly kind: 'push'; readonly group: string; readonly message: unknown }
  | { readonly kind: 'login'; readonly reply: BitmartWsAccessReply }
  | { readonly kind: 'ack'; readonly reply: BitmartWsSubscriptionAck }
  | { readonly kind: 'error'; readonly reply: BitmartWsErrorReply }
  | { readonly kind: 'unknown'; readonly text: string };

export function parseIncomingFrame(text: string): IncomingFrame {
  // The docs allow a bare "pong" answer to a bare "ping"; we send JSON pings but tolerate it.
  if (text === 'pong') return { kind: 'pong' };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { kind: 'unknown', text };
  }
  // Pushes are nearly every frame: route them with two property checks, not failed schema parses
  // (a failing zod parse builds its issue list, which costs more than the whole push).
  if (isPush(json))
    return json.group === 'System' ? { kind: 'pong' } : { kind: 'push', group: json.group, message: json };
  const login = BitmartWsAccessReplySchema.safeParse(json);
  if (login.success) return { kind: 'login', reply: login.data };
  const ack = BitmartWsSubscriptionAckSchema.safeParse(json);
  if (ack.success) return { kind: 'ack', reply: ack.data };
  const error = BitmartWsErrorReplySchema.safeParse(json);
  if (error.success) return { kind: 'error', reply: error.data };
  return { kind: 'unknown', text };
}

function isPush(json: unknown): json is { group: string; data: unknown } {
  if (typeof json !== 'object' || json === null || !('data' in json) || !('group' in json)) return false;
  return typeof json.group === 'string' && json.group.length > 0;
}

/**
 * The subscribed topic a push group belongs to: "futures/ticker:ETHUSDT@100ms" →
 * "futures/ticker:ETHUSDT" (bitmart-wire.md#push-envelope).
 */
export function topicOfGroup(group: string): string {
  return group.replace(/@\d+ms$/, '');
}
