import type { Command } from 'commander';
import type { Contract } from '../../exchange/port/types.ts';
import { bitmartExchangeFromEnv } from '../bitmartExchangeFromEnv.ts';
import type { ConsoleContext } from '../consoleContext.ts';
import { openMarketDataStore } from '../marketDataStore.ts';
import { parseSymbol } from '../options.ts';
import { formatTable } from '../table.ts';

export function registerBitmartFetchContracts(program: Command, context: ConsoleContext): void {
  program
    .command('bitmart:fetch-contracts')
    .description(
      'List BitMart USDT-M perpetual contracts (BITMART_BASE_URL, default the live V2 host) and store them in the trading-app database (DATABASE_URL or DATA_DIR)',
    )
    .option('--symbol <symbol>', 'only this contract, e.g. BTCUSDT', parseSymbol)
    .option('--json', 'print JSON instead of a table')
    .option('--no-store', 'only print, do not write the database')
    .action(async (options: { symbol?: string; json?: boolean; store: boolean }) => {
      const exchange = bitmartExchangeFromEnv(context.env, context.clock);
      try {
        const contracts = await exchange.contracts(options.symbol);
        context.stdout.write(
          options.json ? `${JSON.stringify(contracts.map(contractJson), null, 2)}\n` : table(contracts),
        );
        if (options.store) await store(contracts, context);
      } finally {
        await exchange.stop();
      }
    });
}

async function store(contracts: readonly Contract[], context: ConsoleContext): Promise<void> {
  const database = await openMarketDataStore(context.env);
  try {
    const upserted = await database.contracts.upsertMany(contracts, context.clock.now());
    // On stderr: stdout is the listing, which scripts parse.
    context.stderr.write(`stored ${upserted} contracts in ${database.storage}\n`);
  } finally {
    await database.close();
  }
}

function contractJson(contract: Contract): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(contract).map(([key, value]) => [key, typeof value === 'object' && value ? String(value) : value]),
  );
}

function table(contracts: readonly Contract[]): string {
  return formatTable(
    ['symbol', 'status', 'last', 'tick', 'contract size', 'min', 'max', 'max leverage', 'funding'],
    contracts.map((contract) => [
      contract.symbol,
      contract.status,
      contract.lastPrice.toFixed(),
      contract.tickSize.toFixed(),
      contract.contractSize.toFixed(),
      contract.minSize.toFixed(),
      contract.maxSize.toFixed(),
      contract.maxLeverage.toFixed(),
      contract.fundingRate.toFixed(),
    ]),
  );
}
