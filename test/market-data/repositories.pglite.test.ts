import { describe } from 'vitest';
import { pgliteTarget } from '../trading-app-store/support/databaseTargets.ts';
import { useMarketDataFixture } from './support/marketDataFixture.ts';
import { repositorySuite } from './support/repositorySuite.ts';

describe('market-data repositories on PGlite', () => {
  repositorySuite(useMarketDataFixture(pgliteTarget()));
});
