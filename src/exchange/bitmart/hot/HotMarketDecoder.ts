import type { MarketEvent } from '../../port/streams.ts';
import type { Timeframe } from '../../port/types.ts';
import { KlineGroupTimeframes, klinesFromWsPush, tickerFromWsPush, wsKline, wsTicker } from '../mapping/wsPublic.ts';
import type { HotFrameDecoder } from '../ws/connectionTypes.ts';
import { FrameTemplate } from './FrameTemplate.ts';
import { HotPushDecoder } from './HotPushDecoder.ts';
import { KLINE_ITEM_FIELDS, TICKER_FIELDS } from './hotPushFields.ts';

export type HotMarketEvent = Extract<MarketEvent, { readonly type: 'kline' | 'ticker' }>;

/** `{"group":"`: templates are kept for frames that name their group first, as BitMart's do. */
const GROUP_PREFIX = Buffer.from('{"group":"', 'latin1');
const QUOTE = 0x22;
/** Beyond this many groups the templates start over: groups come from the server. */
const MAX_GROUPS = 4_096;

/** A group's frame template and what every event of that group shares. */
interface LearntGroup {
  readonly group: string;
  readonly symbol: string;
  /** Set for a kline group, undefined for a ticker group. */
  readonly timeframe: Timeframe | undefined;
  readonly template: FrameTemplate;
}

/**
 * The market stream's hot path: kline and ticker pushes straight from their bytes to `kline` and
 * `ticker` events. The first frame of a group goes through `HotPushDecoder` (strict JSON subset,
 * validated while read) and the general mapping, and leaves a `FrameTemplate`; the next frames of
 * the group are matched against it, so an unchanged price costs a byte compare, not a parse
 * (docs/decisions/0009-ws-frame-templates.md). A frame that fits neither is declined and takes the
 * general path. The events equal the general path's: HotMarketDecoder.test.ts.
 */
export class HotMarketDecoder implements HotFrameDecoder<HotMarketEvent> {
  readonly #pushes = new HotPushDecoder();
  readonly #timeframes = new KlineGroupTimeframes();
  /** By the FNV-1a hash of the group's bytes; the template's own bytes check the group. */
  readonly #groups = new Map<number, LearntGroup>();
  #group = '';

  get group(): string {
    return this.#group;
  }

  decode(bytes: Buffer, receivedAt: number): HotMarketEvent | undefined {
    const hash = groupHash(bytes);
    const learnt = hash === undefined ? undefined : this.#groups.get(hash);
    if (learnt?.template.match(bytes)) {
      this.#group = learnt.group;
      return learnt.timeframe === undefined ? tickerEvent(learnt, receivedAt) : klineEvent(learnt, learnt.timeframe);
    }
    return this.#decodeAndLearn(bytes, hash, receivedAt);
  }

  #decodeAndLearn(bytes: Buffer, hash: number | undefined, receivedAt: number): HotMarketEvent | undefined {
    const hot = this.#pushes.decode(bytes);
    if (hot === undefined) return undefined;
    const { group, data } = hot.push;
    let event: HotMarketEvent;
    let timeframe: Timeframe | undefined;
    if (hot.channel === 'ticker') {
      event = { type: 'ticker', ticker: tickerFromWsPush(hot.push, receivedAt) };
    } else {
      // A mark-price or unknown interval has no series; several candles are the general path's.
      timeframe = this.#timeframes.of(group);
      const [kline, ...more] = timeframe === undefined ? [] : klinesFromWsPush(hot.push, timeframe);
      if (kline === undefined || more.length > 0) return undefined;
      event = { type: 'kline', kline };
    }
    const template = hash === undefined ? undefined : FrameTemplate.of(bytes);
    if (hash !== undefined && template !== undefined) {
      if (this.#groups.size >= MAX_GROUPS) this.#groups.clear();
      this.#groups.set(hash, { group, symbol: data.symbol, timeframe, template });
    }
    this.#group = group;
    return event;
  }
}

/** The hash of the group's bytes when the frame starts with `{"group":"…"`, else undefined. */
function groupHash(bytes: Buffer): number | undefined {
  const prefix = GROUP_PREFIX.length;
  for (let index = 0; index < prefix; index++) if (bytes[index] !== GROUP_PREFIX[index]) return undefined;
  let hash = 0;
  for (let at = prefix, byte = bytes[at]; byte !== QUOTE; byte = bytes[++at]) {
    if (byte === undefined) return undefined;
    hash = Math.imul(hash ^ byte, 0x01000193);
  }
  return hash;
}

function klineEvent(learnt: LearntGroup, timeframe: Timeframe): HotMarketEvent {
  const template = learnt.template;
  const kline = wsKline(learnt.symbol, timeframe, template.seconds, {
    open: template.decimal(KLINE_ITEM_FIELDS.o)!,
    high: template.decimal(KLINE_ITEM_FIELDS.h)!,
    low: template.decimal(KLINE_ITEM_FIELDS.l)!,
    close: template.decimal(KLINE_ITEM_FIELDS.c)!,
    volume: template.decimal(KLINE_ITEM_FIELDS.v)!,
  });
  return { type: 'kline', kline };
}

function tickerEvent(learnt: LearntGroup, receivedAt: number): HotMarketEvent {
  const template = learnt.template;
  const ticker = wsTicker(learnt.symbol, receivedAt, {
    lastPrice: template.decimal(TICKER_FIELDS.last_price)!,
    markPrice: template.decimal(TICKER_FIELDS.mark_price) ?? template.decimal(TICKER_FIELDS.fair_price),
    indexPrice: template.decimal(TICKER_FIELDS.index_price),
    bestBid: template.decimal(TICKER_FIELDS.bid_price),
    bestBidSize: template.decimal(TICKER_FIELDS.bid_vol),
    bestAsk: template.decimal(TICKER_FIELDS.ask_price),
    bestAskSize: template.decimal(TICKER_FIELDS.ask_vol),
    volume24h: template.decimal(TICKER_FIELDS.volume_24),
    change24h: template.decimal(TICKER_FIELDS.range),
  });
  return { type: 'ticker', ticker };
}
