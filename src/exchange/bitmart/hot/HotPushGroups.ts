import { KLINE_GROUP, TICKER_GROUP } from '../protocol/wire/hotPushGuards.ts';

export type HotChannel = 'kline' | 'ticker';

/** Beyond this many distinct groups the memo starts over: a server cannot make it grow without bound. */
const MAX_GROUPS = 1_024;

/**
 * Which hot push a group belongs to, by the group patterns of the zod schemas. The groups repeat
 * frame after frame (one per subscribed topic), so the answer is kept per group string.
 */
export class HotPushGroups {
  readonly #channels = new Map<string, HotChannel | undefined>();

  channelOf(group: string): HotChannel | undefined {
    const known = this.#channels.get(group);
    if (known !== undefined || this.#channels.has(group)) return known;
    if (this.#channels.size >= MAX_GROUPS) this.#channels.clear();
    const channel = KLINE_GROUP.test(group) ? 'kline' : TICKER_GROUP.test(group) ? 'ticker' : undefined;
    this.#channels.set(group, channel);
    return channel;
  }
}
