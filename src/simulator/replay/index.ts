export { MinuteSeries, MinuteSeriesBuilder, type RecordedCandle } from './MinuteSeries.ts';
export { type PriceLevel, ReplayMarket, type ReplayMarketOptions } from './ReplayMarket.ts';
export { venueLevels, type WatchBands } from './venueLevels.ts';
