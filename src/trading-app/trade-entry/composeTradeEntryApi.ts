import type { FuturesExchange } from '../../exchange/port/FuturesExchange.ts';
import type { Clock } from '../../platform/clock/index.ts';
import type { ClosedCandleSource } from '../mtf-runner/candles/ClosedCandleSource.ts';
import { symbolMarketSnapshot } from '../mtf-runner/symbolContexts.ts';
import type { TradeRepository } from '../trades/TradeRepository.ts';
import type { WsWorkerClient } from '../ws-worker-client/WsWorkerClient.ts';
import type { TradeEntryProfile } from './config/TradeEntryProfile.ts';
import { EntryAssessor } from './EntryAssessor.ts';
import type { LiveTradeEntry } from './LiveTradeEntry.ts';
import { RequestedTradeEntry } from './RequestedTradeEntry.ts';
import { TradeEntryMetrics } from './TradeEntryMetrics.ts';
import { TwoTargetsService } from './tpsl/TwoTargetsService.ts';

/**
 * The services behind the seeds' trade routes, over what the app composed for its runs: the live
 * entry when entries are allowed, else (with a venue) an assessor for dry runs only; the market
 * read from the same candle source as the runs; the active MTF profile's trade-entry file unless
 * the request names another.
 */
export function composeTradeEntryApi(deps: {
  readonly exchange: FuturesExchange | undefined;
  readonly live: LiveTradeEntry | undefined;
  readonly trades: TradeRepository;
  readonly profiles: (profile: string | undefined) => TradeEntryProfile;
  readonly activeProfile: string;
  readonly candles: ClosedCandleSource;
  readonly entriesPaused: () => Promise<boolean>;
  readonly worker: () => WsWorkerClient | undefined;
  readonly clock: Clock;
}) {
  const { exchange, live, trades, clock } = deps;
  const profileFor = (profile: string | undefined) => deps.profiles(profile ?? deps.activeProfile);
  const market = (symbol: string, now: number) => symbolMarketSnapshot(deps.candles, symbol, now);
  const assessor =
    live?.assessor ?? (exchange && new EntryAssessor({ exchange, trades, entriesPaused: deps.entriesPaused, clock }));
  return {
    entry: new RequestedTradeEntry({ assessor, live, trades, profileFor, market, clock }),
    metrics: new TradeEntryMetrics(trades, clock),
    twoTargets: exchange && new TwoTargetsService({ exchange, trades, profileFor, market, worker: deps.worker, clock }),
  };
}
