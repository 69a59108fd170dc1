import type { Command } from 'commander';
import { CommanderError } from 'commander';
import { loadStorageConfig } from '../../platform/config/storageConfig.ts';
import type { MtfTimeframe } from '../../trading-app/mtf/timeframes.ts';
import type { ConsoleContext } from '../consoleContext.ts';
import { parseSymbol } from '../options.ts';
import { parseMtfTimeframe } from './mtfRun.ts';

const USAGE = 2;

interface DiagnoseOptions {
  profile: string;
  json?: boolean;
}

/**
 * `bin/console app:indicator:conditions:diagnose SYMBOL TF [--profile]`: the decision tree of one
 * symbol from the stored candles (every condition with its value and threshold), with TF as the
 * execution timeframe when the profile executes on it.
 */
export function registerIndicatorConditionsDiagnose(program: Command, context: ConsoleContext): void {
  program
    .command('app:indicator:conditions:diagnose')
    .description('Print the MTF decision tree of a symbol from the stored candles (DATABASE_URL or DATA_DIR)')
    .argument('<symbol>', 'contract, e.g. BTCUSDT', parseSymbol)
    .argument('<timeframe>', '4h, 1h, 15m, 5m or 1m', parseMtfTimeframe)
    .option(
      '--profile <name>',
      'validation profile: config/mtf_validations.<name>.yaml; "default" is the 2025-11 mtf_validations.yaml',
      'scalper_micro',
    )
    .option('--json', 'print the decision as JSON')
    .action(async (symbol: string, timeframe: MtfTimeframe, options: DiagnoseOptions) => {
      const { DEFAULT_CONFIG_DIRECTORY, knownProfiles, profileConfigPath, diagnoseSymbol } = await import(
        '../../trading-app/mtf-runner/index.ts'
      );
      const known = knownProfiles(DEFAULT_CONFIG_DIRECTORY);
      if (!known.includes(options.profile)) {
        context.stderr.write(
          `error: option '--profile <name>': unknown profile "${options.profile}"; known: ${known.join(', ')}\n`,
        );
        throw new CommanderError(USAGE, 'mtf.profile.unknown', 'unknown profile');
      }
      const { loadMtfConfig, formatDecision } = await import('../../trading-app/mtf/index.ts');
      const config = loadMtfConfig(profileConfigPath(DEFAULT_CONFIG_DIRECTORY, options.profile));
      const storage = loadStorageConfig(context.env);
      const { openDatabase } = await import('../../trading-app/store/openDatabase.ts');
      const database = await openDatabase({ databaseUrl: storage.databaseUrl, dataDir: storage.dataDirectory });
      try {
        const decision = await diagnoseSymbol(database.drizzle, config, symbol, timeframe, context.clock.now());
        context.stdout.write(options.json ? `${JSON.stringify(decision, null, 2)}\n` : formatDecision(decision));
      } finally {
        await database.close();
      }
    });
}
