import { describe } from 'vitest';
import { postgresTarget } from '../trading-app-store/support/databaseTargets.ts';
import { useMarketDataFixture } from './support/marketDataFixture.ts';
import { repositorySuite } from './support/repositorySuite.ts';

describe('market-data repositories on a PostgreSQL server', () => {
  repositorySuite(useMarketDataFixture(postgresTarget()));
});
