import { klineStep, parseKlineTopic } from '../../../exchange/bitmart/protocol/klineIntervals.ts';
import type { KlineStepMinutes } from '../../market/types.ts';

/**
 * The futures WS topics the simulator serves (docs/reference/bitmart-wire.md#public-channels, #private-channels). A
 * topic is `<business>/<channel>[:<filter>]`; groups are case-sensitive and echoed exactly as the client
 * subscribed them, because ccxt parses the kline interval out of the pushed group (bitmart-wire.md#push-envelope).
 */
export type DepthLevels = 5 | 20 | 50;
export type AssetCurrency = 'USDT' | 'BTC' | 'ETH';

export type PublicTopic =
  | { readonly channel: 'kline'; readonly group: string; readonly symbol: string; readonly step: KlineStepMinutes }
  | { readonly channel: 'ticker'; readonly group: string; readonly symbol: string; readonly pushGroup: string }
  | { readonly channel: 'tickerAll'; readonly group: string }
  | { readonly channel: 'trade'; readonly group: string; readonly symbol: string }
  | { readonly channel: 'depth'; readonly group: string; readonly symbol: string; readonly levels: DepthLevels }
  | { readonly channel: 'depthAll'; readonly group: string; readonly symbol: string; readonly levels: DepthLevels }
  | { readonly channel: 'bookTicker'; readonly group: string; readonly symbol: string }
  | { readonly channel: 'fundingRate'; readonly group: string; readonly symbol: string };

export type PrivateTopic =
  | { readonly channel: 'order'; readonly group: 'futures/order' }
  | { readonly channel: 'position'; readonly group: 'futures/position' }
  | { readonly channel: 'asset'; readonly group: string; readonly currency: AssetCurrency };

export type Topic = PublicTopic | PrivateTopic;
export type TopicChannel = Topic['channel'];

const PRIVATE_CHANNELS: ReadonlySet<TopicChannel> = new Set(['order', 'position', 'asset']);

export function isPrivateTopic(topic: Topic): topic is PrivateTopic {
  return PRIVATE_CHANNELS.has(topic.channel);
}

const SYMBOL = '([A-Z0-9]+)';
const SPEED = '(?:@(?:100|200)ms)?';
const TICKER = new RegExp(`^futures/ticker:${SYMBOL}(?:@100ms)?$`);
const TRADE = new RegExp(`^futures/trade:${SYMBOL}$`);
const DEPTH = new RegExp(`^futures/depth(5|20|50):${SYMBOL}${SPEED}$`);
const DEPTH_ALL = new RegExp(`^futures/depthAll(5|20|50):${SYMBOL}${SPEED}$`);
const BOOK_TICKER = new RegExp(`^futures/bookticker:${SYMBOL}$`);
const FUNDING = new RegExp(`^futures/fundingRate:${SYMBOL}$`);
const ASSET = /^futures\/asset:(USDT|BTC|ETH)$/;

/**
 * Parses a subscribed group. `isListed` says whether a symbol is a listed contract; a topic on an
 * unlisted symbol does not exist, like an unknown channel.
 */
export function parseTopic(group: string, isListed: (symbol: string) => boolean): Topic | undefined {
  const topic = parseShape(group);
  if (topic && 'symbol' in topic && !isListed(topic.symbol)) return undefined;
  return topic;
}

function parseShape(group: string): Topic | undefined {
  if (group === 'futures/order') return { channel: 'order', group };
  if (group === 'futures/position') return { channel: 'position', group };
  if (group === 'futures/ticker') return { channel: 'tickerAll', group };
  const asset = ASSET.exec(group);
  if (asset) return { channel: 'asset', group, currency: asset[1] as AssetCurrency };
  const kline = parseKlineTopic(group);
  if (kline)
    return { channel: 'kline', group, symbol: kline.symbol, step: klineStep(kline.timeframe) as KlineStepMinutes };
  const ticker = TICKER.exec(group);
  if (ticker) return { channel: 'ticker', group, symbol: ticker[1]!, pushGroup: `futures/ticker:${ticker[1]}@100ms` };
  const trade = TRADE.exec(group);
  if (trade) return { channel: 'trade', group, symbol: trade[1]! };
  const depth = DEPTH.exec(group);
  if (depth) return { channel: 'depth', group, symbol: depth[2]!, levels: Number(depth[1]) as DepthLevels };
  const depthAll = DEPTH_ALL.exec(group);
  if (depthAll) return { channel: 'depthAll', group, symbol: depthAll[2]!, levels: Number(depthAll[1]) as DepthLevels };
  const bookTicker = BOOK_TICKER.exec(group);
  if (bookTicker) return { channel: 'bookTicker', group, symbol: bookTicker[1]! };
  const funding = FUNDING.exec(group);
  if (funding) return { channel: 'fundingRate', group, symbol: funding[1]! };
  return undefined;
}
