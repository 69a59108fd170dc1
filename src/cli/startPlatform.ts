import { request } from 'undici';
import { appBacktestRunner } from '../backtest/appBacktestRunner.ts';
import {
  appEnvironment,
  loadPlatformConfig,
  type PlatformConfig,
  workerEnvironment,
} from '../platform/config/platformConfig.ts';
import { httpOrigin, loadTradingAppConfig } from '../platform/config/tradingAppConfig.ts';
import { loadVenueConfig } from '../platform/config/venueConfig.ts';
import { loadWsWorkerConfig } from '../platform/config/wsWorkerConfig.ts';
import type { Logger } from '../platform/logging/logger.ts';
import { type Simulator, startSimulator } from '../simulator/main.ts';
import { startTradingApp, type TradingApp } from '../trading-app/main.ts';
import { startWsWorker, type WsWorker } from '../ws-worker/main.ts';
import { codeVersion } from './codeVersion.ts';
import { resolvePort } from './freePort.ts';

export interface Platform {
  readonly config: PlatformConfig;
  readonly simulator: Simulator;
  readonly app: TradingApp;
  readonly worker: WsWorker;
  /** Stops the worker, then the app, then the simulator; idempotent. */
  stop(): Promise<void>;
}

/**
 * The whole platform in paper mode as one supervised group: simulator → trading-app → ws-worker
 * (the worker needs the app to receive its signals), then the worker is subscribed to the klines
 * of the configured symbols through its own control API. A failure stops what had started.
 */
export async function startPlatform(env: NodeJS.ProcessEnv, loggers: (name: string) => Logger): Promise<Platform> {
  const config = loadPlatformConfig(env);
  const [appAddress, controlAddress] = [await resolvePort(config.app), await resolvePort(config.control)];
  const started: { stop(): Promise<void> }[] = [];
  try {
    const simulator = await startSimulator(config.simulator, { logger: loggers('simulator') });
    started.push(simulator);
    const workerUrl = httpOrigin(controlAddress.host, controlAddress.port);
    const appEnv = appEnvironment(config, { app: appAddress, worker: workerUrl, simulator: simulator.server.url });
    const app = await startTradingApp(loadTradingAppConfig(appEnv), {
      logger: loggers('trading-app'),
      venue: loadVenueConfig(appEnv),
      freshMarketData: true,
      backtests: appBacktestRunner({ codeVersion: codeVersion() }),
    });
    started.push(app);
    const workerConfig = loadWsWorkerConfig(
      workerEnvironment(config, { simulator: simulator.server.url, app: app.url, control: controlAddress }),
    );
    const worker = await startWsWorker(workerConfig, { logger: loggers('ws-worker') });
    started.push(worker);
    for (const symbol of config.symbols) await subscribeKlines(worker.controlUrl, symbol, config.timeframes);
    let stopping: Promise<void> | undefined;
    return {
      config,
      simulator,
      app,
      worker,
      stop: () => {
        stopping ??= stopAll(started);
        return stopping;
      },
    };
  } catch (error) {
    await stopAll(started);
    throw error;
  }
}

async function stopAll(started: readonly { stop(): Promise<void> }[]): Promise<void> {
  for (const piece of [...started].reverse()) await piece.stop();
}

async function subscribeKlines(controlUrl: string, symbol: string, tfs: readonly string[]): Promise<void> {
  const response = await request(`${controlUrl}/klines/subscribe`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ symbol, tfs }),
  });
  const text = await response.body.text();
  if (response.statusCode !== 200) throw new Error(`could not subscribe ${symbol} klines: ${text}`);
}
