import { join } from 'node:path';
import { type Command, InvalidArgumentError } from 'commander';
import { ConfigError } from '../../platform/config/env.ts';
import { loadWsWorkerConfig, type TradingAppSignalConfig } from '../../platform/config/wsWorkerConfig.ts';
import { createLogger } from '../../platform/logging/logger.ts';
import { claimDirectory } from '../../platform/ownership/directoryOwnership.ts';
import { createSignalOutbox, replayFailures, type SignalKind } from '../../ws-worker/signals/index.ts';
import type { ConsoleContext } from '../consoleContext.ts';
import { withEnvFile } from '../envFile.ts';

const KINDS: readonly SignalKind[] = ['order', 'balance', 'callback'];

/**
 * `ws:replay-failures`: resends what the worker wrote to its failure logs (after the app was fixed,
 * or its secret corrected), with the original trace ids, so the app drops what it already has.
 * It uses its own outbox directory, never the running worker's (one process per outbox directory);
 * an interrupted replay resumes from there on the next run.
 */
export function registerWsReplayFailures(program: Command, context: ConsoleContext): void {
  program
    .command('ws:replay-failures')
    .description(
      'Resend the signals of the ws-worker failure logs (TRADING_APP_SIGNAL_FAILURE_LOG, TRADING_APP_BALANCE_FAILURE_LOG, TRADING_APP_CALLBACK_FAILURE_LOG) and rename each log to <log>.replayed-<time>',
    )
    .option('--kind <kind>', 'order, balance, callback or all', parseKind, 'all')
    .option('--dotenv <path>', 'read variables from this file; the real environment wins over it', '.env')
    .action(async (options: { kind: SignalKind | 'all'; dotenv: string }) => {
      const config = loadWsWorkerConfig(withEnvFile(context.env, options.dotenv));
      const tradingApp = config.tradingApp;
      if (!tradingApp) throw new ConfigError('TRADING_APP_BASE_URI', 'required: the app to replay the signals to');
      const { clock } = context;
      const directory = join(config.dataDirectory, 'replay-outbox');
      const ownership = await claimDirectory(directory, 'ws:replay-failures');
      try {
        const outbox = createSignalOutbox({
          directory,
          clock,
          logger: createLogger({ name: 'ws:replay-failures', level: 'warn', pretty: process.stderr.isTTY }),
          sharedSecret: tradingApp.sharedSecret,
          requestTimeoutMs: tradingApp.requestTimeoutMs,
          maxRetries: tradingApp.maxRetries,
          failureLogs: failureLogs(tradingApp),
        });
        for (const kind of options.kind === 'all' ? KINDS : [options.kind]) {
          const logPath = failureLogs(tradingApp)[kind];
          const legacyTarget = legacyTargetOf(kind, tradingApp);
          const result = await replayFailures({ logPath, outbox, clock, ...(legacyTarget ? { legacyTarget } : {}) });
          const renamed = result.renamedTo ? `, log renamed to ${result.renamedTo}` : ' (no log)';
          context.stdout.write(`${kind}: ${result.replayed} replayed, ${result.skipped} skipped${renamed}\n`);
        }
        await outbox.start();
        const pending = outbox.status().depth;
        if (pending > 0) context.stdout.write(`delivering ${pending} signal(s) (retries may take up to ~5 minutes)\n`);
        const interrupt = interruption();
        await Promise.race([outbox.whenIdle(), interrupt.requested]);
        interrupt.dispose();
        const status = outbox.status();
        await outbox.stop();
        context.stdout.write(
          `delivered ${status.delivered}, failed again ${status.failed} (back in the failure logs), left for the next run ${status.depth}\n`,
        );
      } finally {
        await ownership.release();
      }
    });
}

function failureLogs(tradingApp: TradingAppSignalConfig): Readonly<Record<SignalKind, string>> {
  return {
    order: tradingApp.orderFailureLog,
    balance: tradingApp.balanceFailureLog,
    callback: tradingApp.callbackFailureLog,
  };
}

/** Lines written by the PHP worker carry no URL: they go to the endpoint of the log they are in. */
function legacyTargetOf(
  kind: SignalKind,
  tradingApp: TradingAppSignalConfig,
): { kind: SignalKind; url: string } | undefined {
  if (kind === 'order') return { kind, url: tradingApp.orderSignalUrl };
  if (kind === 'balance') return { kind, url: tradingApp.balanceSignalUrl };
  return undefined;
}

function parseKind(value: string): SignalKind | 'all' {
  if (value === 'all' || (KINDS as readonly string[]).includes(value)) return value as SignalKind | 'all';
  throw new InvalidArgumentError(`unknown kind "${value}"; expected order, balance, callback or all`);
}

/** Ctrl-C ends the wait; what is not delivered stays in the replay outbox for the next run. */
function interruption(): { requested: Promise<void>; dispose(): void } {
  let onSignal = (): void => undefined;
  const requested = new Promise<void>((resolve) => {
    onSignal = () => resolve();
  });
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  return {
    requested,
    dispose: () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}
