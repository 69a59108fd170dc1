import { type Clock, SystemClock, type TimerHandle } from '../platform/clock/index.ts';
import type { SimulatorConfig } from '../platform/config/simulatorConfig.ts';
import { parseDecimal } from '../platform/decimal/index.ts';
import { type Logger, silentLogger } from '../platform/logging/logger.ts';
import { createEngine } from './engine/index.ts';
import type { AccountCredentials, SimEngine } from './engine/types.ts';
import { createMarket } from './market/index.ts';
import type { Market } from './market/types.ts';
import { OkxFaceState } from './server/okx/OkxFaceState.ts';
import { OKX_WS_IDLE_CLOSE_MS, OkxWsGateway } from './server/okx/ws/OkxWsGateway.ts';
import { type RunningSimulatorServer, startSimulatorServer } from './server/SimulatorServer.ts';
import { createWsGateway } from './server/ws/index.ts';

/** A running simulator: the market and engine in process, served over BitMart's wire protocol. */
export interface Simulator {
  readonly clock: Clock;
  readonly market: Market;
  readonly engine: SimEngine;
  readonly server: RunningSimulatorServer;
  /** The demo account that `SIM_API_KEY` opens. */
  readonly account: AccountCredentials;
  /** `ws://host:port`; append `/api?protocol=1.1` or `/user?protocol=1.1` (BitMart), `/ws/v5/public|private|business` (OKX). */
  readonly wsUrl: string;
  /** Open WebSocket connections and topic subscriptions, for tests and `/sim/state`. */
  wsStats(): { connections: number; subscriptions: number };
  stop(): Promise<void>;
}

export interface SimulatorDependencies {
  readonly clock?: Clock;
  readonly logger?: Logger;
}

/**
 * The simulator's composition root: the only place that picks the concrete market, engine and
 * gateway. The engine subscribes to market ticks before the WebSocket gateway does, so a push
 * never describes a state the engine has not reached yet.
 */
export async function startSimulator(config: SimulatorConfig, deps: SimulatorDependencies = {}): Promise<Simulator> {
  const clock = deps.clock ?? new SystemClock();
  const logger = deps.logger ?? silentLogger();
  const market = createMarket({ seed: config.seed, clock, tickMs: config.tickMs });
  const engine = createEngine({ market, clock, seed: config.seed, orderVisibilityMs: config.orderVisibilityMs });
  const account = engine.createAccount({
    apiKey: config.apiKey,
    apiSecret: config.apiSecret,
    apiMemo: config.apiMemo,
    balanceUsdt: parseDecimal(config.balanceUsdt, 'SIM_BALANCE_USDT'),
    // OKX accounts start in net mode (ccxt sends no posSide there); BitMart's in hedge mode.
    ...(config.venue === 'okx' && { positionMode: 'one_way_mode' as const }),
  });
  engine.start();
  market.start();
  const wsGateway = createWsGateway({
    market,
    engine,
    clock,
    logger,
    lifelessCloseMs: config.wsLifelessClose ? 5_000 : 0,
  });
  const okxState = new OkxFaceState(engine, clock);
  const okxWsGateway = new OkxWsGateway({
    market,
    engine,
    clock,
    logger,
    state: okxState,
    idleCloseMs: config.okxWsIdleClose ? OKX_WS_IDLE_CLOSE_MS : 0,
  });
  const server = await startSimulatorServer(
    {
      market,
      engine,
      clock,
      logger,
      wsGateway,
      rateLimits: config.rateLimits,
      http: { allowedHosts: config.allowedHosts },
      okxState,
      okxWsGateway,
    },
    { host: config.host, port: config.port },
  );
  const dropTimer: TimerHandle | undefined =
    config.wsDropEverySeconds > 0
      ? clock.setInterval(() => {
          wsGateway.dropAll();
          okxWsGateway.dropAll();
        }, config.wsDropEverySeconds * 1_000)
      : undefined;

  return {
    clock,
    market,
    engine,
    server,
    account,
    wsUrl: server.url.replace(/^http/, 'ws'),
    wsStats: () => {
      const bitmart = wsGateway.stats();
      const okx = okxWsGateway.stats();
      return {
        connections: bitmart.connections + okx.connections,
        subscriptions: bitmart.subscriptions + okx.subscriptions,
      };
    },
    async stop() {
      clock.clearTimer(dropTimer);
      await wsGateway.close();
      await okxWsGateway.close();
      await server.close();
      okxState.stop();
      market.stop();
      engine.stop();
    },
  };
}
