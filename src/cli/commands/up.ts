import { type Command, Option } from 'commander';
import { SIMULATOR_DEMO_CREDENTIALS } from '../../platform/config/simulatorConfig.ts';
import { VENUES } from '../../platform/config/venueConfig.ts';
import { createLogger } from '../../platform/logging/logger.ts';
import type { ConsoleContext } from '../consoleContext.ts';
import { runUntilStopped } from '../runUntilStopped.ts';
import type { Platform } from '../startPlatform.ts';

/**
 * `npm start`: the simulator, the ws-worker and the trading-app in paper mode on loopback, as one
 * group that Ctrl-C stops cleanly. Each still runs alone (`sim:run`, `ws:run`, `app:serve`).
 */
export function registerUp(program: Command, context: ConsoleContext): void {
  program
    .command('up')
    .description('Start the whole platform in paper mode on loopback: simulator, ws-worker, trading-app')
    .addOption(
      new Option(
        '--venue <name>',
        "whose wire the worker and the app speak to the simulator: BitMart's or OKX's (default: EXCHANGE, else bitmart)",
      ).choices(VENUES),
    )
    .action(async (options: { venue?: string }) => {
      const env = options.venue ? { ...context.env, EXCHANGE: options.venue } : context.env;
      // Loaded here, not at the top: every other command would pay for the three roles' imports.
      const { startPlatform } = await import('../startPlatform.ts');
      const pretty = process.stdout.isTTY;
      const platform = await startPlatform(env, (name) =>
        createLogger({ name, level: context.env.LOG_LEVEL ?? 'info', pretty }),
      );
      context.stdout.write(describePlatform(platform));
      await runUntilStopped(
        () => platform.stop(),
        () => context.stdout.write('stopped\n'),
      );
    });
}

function describePlatform(platform: Platform): string {
  const { simulator, app, worker, config } = platform;
  const secret =
    config.simulator.apiSecret === SIMULATOR_DEMO_CREDENTIALS.apiSecret ? `"${config.simulator.apiSecret}"` : '(set)';
  return [
    'Paper-trading platform running on loopback:',
    config.venue === 'okx'
      ? `  simulator    ${simulator.server.url}   (OKX face: REST /api/v5; WS ${simulator.wsUrl}/ws/v5/public, /private, /business)`
      : `  simulator    ${simulator.server.url}   (BitMart REST; WS ${simulator.wsUrl}/api and /user)`,
    `  ws-worker    ${worker.controlUrl}/status`,
    `  trading-app  ${app.url}/   (the dashboard; API ${app.url}/api/trades, storage: ${app.storage})`,
    `  demo exchange credentials: key "${config.simulator.apiKey}", secret ${secret}, ${config.venue === 'okx' ? 'passphrase' : 'memo'} "${config.simulator.apiMemo}"`,
    `  klines streamed for ${config.symbols.join(', ')} on ${config.timeframes.join(', ')}`,
    'Press Ctrl-C to stop.',
    '',
  ].join('\n');
}
