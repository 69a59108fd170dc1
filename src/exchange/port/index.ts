export type { FuturesExchange, KlineQuery, MarketDataRest, TradingRest } from './FuturesExchange.ts';
export type {
  MarketEvent,
  MarketStream,
  StreamEvent,
  TopicHealth,
  Unsubscribe,
  UserChannel,
  UserEvent,
  UserStream,
} from './streams.ts';
export * from './types.ts';
export type { VenueNames } from './VenueNames.ts';
