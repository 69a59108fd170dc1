import type { MarketDataRest } from '../../exchange/port/FuturesExchange.ts';
import type { MarketStream } from '../../exchange/port/streams.ts';
import type { Clock } from '../../platform/clock/index.ts';
import type { Logger } from '../../platform/logging/logger.ts';
import type { Database } from '../store/openDatabase.ts';
import { ContractRepository } from './ContractRepository.ts';
import { ContractSync } from './ContractSync.ts';
import { KlineRepository } from './KlineRepository.ts';
import type { KlineStore } from './KlineStore.ts';
import { KlineSync } from './KlineSync.ts';

/** The market-data services of one trading-app process, over its database. */
export interface MarketData {
  readonly contracts: ContractRepository;
  readonly klines: KlineStore;
  readonly contractSync: ContractSync;
  readonly klineSync: KlineSync;
}

export function createMarketData(deps: {
  database: Database;
  exchange: Pick<MarketDataRest, 'contracts' | 'klines'>;
  clock: Clock;
  logger?: Logger | undefined;
  stream?: MarketStream | undefined;
  historyCandles?: number;
  /** Where closed candles are kept; default the `klines` table. */
  klines?: KlineStore | undefined;
}): MarketData {
  const contracts = new ContractRepository(deps.database.drizzle);
  const klines = deps.klines ?? new KlineRepository(deps.database.drizzle);
  return {
    contracts,
    klines,
    contractSync: new ContractSync({ exchange: deps.exchange, contracts, clock: deps.clock, logger: deps.logger }),
    klineSync: new KlineSync({
      exchange: deps.exchange,
      klines,
      clock: deps.clock,
      logger: deps.logger,
      stream: deps.stream,
      ...(deps.historyCandles === undefined ? {} : { historyCandles: deps.historyCandles }),
    }),
  };
}
