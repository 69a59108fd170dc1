import { describe } from 'vitest';
import { alertSuite } from './suites/alertSuite.ts';
import { balanceSuite } from './suites/balanceSuite.ts';
import { exchangeCloseSuite } from './suites/exchangeCloseSuite.ts';
import { ingestSuite } from './suites/ingestSuite.ts';
import { orderSuite } from './suites/orderSuite.ts';
import { postgresTarget } from './support/databaseTargets.ts';
import { useStoreFixture } from './support/storeFixture.ts';

describe('trading-app store on a PostgreSQL server', () => {
  const fixture = useStoreFixture(postgresTarget());
  ingestSuite(fixture);
  orderSuite(fixture);
  exchangeCloseSuite(fixture);
  balanceSuite(fixture);
  alertSuite(fixture);
});
