import type { Command } from 'commander';
import { loadTradingAppConfig } from '../../platform/config/tradingAppConfig.ts';
import { loadVenueConfig } from '../../platform/config/venueConfig.ts';
import { createLogger } from '../../platform/logging/logger.ts';
import type { TradingApp } from '../../trading-app/main.ts';
import { codeVersion } from '../codeVersion.ts';
import type { ConsoleContext } from '../consoleContext.ts';
import { runUntilStopped } from '../runUntilStopped.ts';

export function registerAppServe(program: Command, context: ConsoleContext): void {
  program
    .command('app:serve')
    .description(
      'Run the trading-app HTTP API on APP_ADDR (default 127.0.0.1:8080): signed worker signals in, balance, orders, positions, alerts and /metrics out',
    )
    .action(async () => {
      const config = loadTradingAppConfig(context.env);
      const venue = loadVenueConfig(context.env);
      const logger = createLogger({ name: 'trading-app', pretty: process.stdout.isTTY });
      // Loaded here, not at the top: other commands need not pay for PGlite, drizzle and fastify.
      const [{ startTradingApp }, { appBacktestRunner }] = await Promise.all([
        import('../../trading-app/main.ts'),
        import('../../backtest/appBacktestRunner.ts'),
      ]);
      const app = await startTradingApp(config, {
        logger,
        venue,
        backtests: appBacktestRunner({ codeVersion: codeVersion() }),
      });
      context.stdout.write(describeTradingApp(app));
      await runUntilStopped(
        () => app.stop(),
        () => context.stdout.write('trading-app stopped\n'),
      );
    });
}

export function describeTradingApp(app: TradingApp): string {
  const { url } = app;
  return [
    `trading-app listening on ${url}`,
    `  storage     ${app.storage}`,
    `  signals     POST ${url}/api/ws-worker/balance, ${url}/api/ws-worker/orders, ${url}/api/orders/callback (HMAC: WS_WORKER_SHARED_SECRET)`,
    `  queries     GET ${url}/api/balance/current, /api/balance/history, /api/orders, /api/positions, /api/alerts`,
    `  backtests   POST ${url}/api/backtests (on the stored klines), GET /api/backtests`,
    `  metrics     GET ${url}/metrics`,
    '',
  ].join('\n');
}
