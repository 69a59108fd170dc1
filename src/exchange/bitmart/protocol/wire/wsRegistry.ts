import { z } from 'zod';
import { BitmartWsAssetPushSchema, BitmartWsOrderPushSchema, BitmartWsPositionPushSchema } from './wsPrivatePushes.ts';
import {
  BitmartWsBookTickerPushSchema,
  BitmartWsDepthAllPushSchema,
  BitmartWsDepthIncreasePushSchema,
  BitmartWsDepthPushSchema,
  BitmartWsFundingRatePushSchema,
  BitmartWsKlinePushSchema,
  BitmartWsTickerPushSchema,
  BitmartWsTradePushSchema,
} from './wsPublicPushes.ts';
import { BitmartWsPongSchema } from './wsReplies.ts';

/** The routing frame of any server message carrying `data`: pushes and the pong. */
export const BitmartWsPushEnvelopeSchema = z.looseObject({ group: z.string().min(1), data: z.unknown() });
export type BitmartWsPushEnvelope = z.infer<typeof BitmartWsPushEnvelopeSchema>;

/**
 * Channel name → push schema. The channel is the group without its speed suffix and filter:
 * "futures/depth50:BTCUSDT@100ms" → "futures/depth50". Checked in order, first match wins, so the
 * longer depth names come before `depth\d+`.
 */
const PUSH_SCHEMAS_BY_CHANNEL: ReadonlyArray<readonly [RegExp, z.ZodType]> = [
  [/^System$/, BitmartWsPongSchema],
  [/^futures\/(markPrice)?[kK]lineBin\w+$/, BitmartWsKlinePushSchema],
  [/^futures\/ticker$/, BitmartWsTickerPushSchema],
  [/^futures\/trade$/, BitmartWsTradePushSchema],
  [/^futures\/depthAll\d+$/, BitmartWsDepthAllPushSchema],
  [/^futures\/depthIncrease\d+$/, BitmartWsDepthIncreasePushSchema],
  [/^futures\/depth\d+$/, BitmartWsDepthPushSchema],
  [/^futures\/bookticker$/, BitmartWsBookTickerPushSchema],
  [/^futures\/fundingRate$/, BitmartWsFundingRatePushSchema],
  [/^futures\/asset$/, BitmartWsAssetPushSchema],
  [/^futures\/position$/, BitmartWsPositionPushSchema],
  [/^futures\/order$/, BitmartWsOrderPushSchema],
];

/**
 * "futures/ticker:ETHUSDT@100ms" → "futures/ticker" (docs/reference/bitmart-wire.md#push-envelope:
 * JKorf strips `@…ms` the same way).
 */
export function bitmartWsChannelOf(group: string): string {
  const withoutSpeed = group.replace(/@\d+ms$/, '');
  const colon = withoutSpeed.indexOf(':');
  return colon === -1 ? withoutSpeed : withoutSpeed.slice(0, colon);
}

/**
 * The schema of a full push message (`{group, data}`) for its group, or undefined for a group
 * this module does not know. The `System` group (the pong) is included since it shares the shape.
 */
export function bitmartWsPushSchemaFor(group: string): z.ZodType | undefined {
  const channel = bitmartWsChannelOf(group);
  return PUSH_SCHEMAS_BY_CHANNEL.find(([pattern]) => pattern.test(channel))?.[1];
}
