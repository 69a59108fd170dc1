import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { signBitmart } from '../../exchange/bitmart/protocol/signing.ts';
import { ManualClock } from '../../platform/clock/index.ts';
import { Dec } from '../../platform/decimal/index.ts';
import { silentLogger } from '../../platform/logging/logger.ts';
import { createEngine } from '../engine/index.ts';
import type { AccountCredentials, SimEngine } from '../engine/types.ts';
import { createMarket } from '../market/index.ts';
import type { Market } from '../market/types.ts';
import { buildSimulatorApp } from './SimulatorServer.ts';
import type { WsGateway } from './WsGateway.ts';
import { createWsGateway } from './ws/index.ts';

/**
 * The real market, engine and gateway on a manual clock, for the server's in-process tests
 * (no mocks of our own components). Not a test file itself.
 */
export const ORDER_VISIBILITY_MS = 300;

export interface ServerTestKit {
  readonly clock: ManualClock;
  readonly market: Market;
  readonly engine: SimEngine;
  readonly wsGateway: WsGateway;
  readonly app: FastifyInstance;
  readonly account: AccountCredentials;
  keyedGet(path: string, apiKey?: string): Promise<LightMyRequestResponse>;
  publicGet(path: string): Promise<LightMyRequestResponse>;
  signedPost(path: string, body: unknown, options?: SignedPostOptions): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

export interface SignedPostOptions {
  readonly account?: AccountCredentials;
  /** Override of the headers as sent (undefined = computed, null = omitted). */
  readonly headers?: Record<string, string | null>;
  /** Raw body as sent; defaults to JSON.stringify(body). */
  readonly rawBody?: string;
}

export interface ServerTestKitOptions {
  readonly rateLimits?: boolean;
  readonly balanceUsdt?: string;
  readonly startMs?: number;
  readonly credentials?: { apiKey: string; apiSecret: string; apiMemo: string };
  /** The time to receive a request (tests that stall a body use a short one). */
  readonly requestTimeoutMs?: number;
}

export async function createServerTestKit(options: ServerTestKitOptions = {}): Promise<ServerTestKit> {
  const clock = new ManualClock(options.startMs ?? Date.UTC(2026, 0, 5, 12, 0, 0));
  const logger = silentLogger();
  const market = createMarket({ seed: 7, clock });
  const engine = createEngine({ market, clock, seed: 7, orderVisibilityMs: ORDER_VISIBILITY_MS });
  const account = engine.createAccount({
    ...(options.credentials ?? { apiKey: 'test-key', apiSecret: 'test-secret', apiMemo: 'test-memo' }),
    balanceUsdt: new Dec(options.balanceUsdt ?? '10000'),
  });
  engine.start();
  const wsGateway = createWsGateway({ market, engine, clock, logger, lifelessCloseMs: 0 });
  const app = buildSimulatorApp({
    market,
    engine,
    clock,
    logger,
    wsGateway,
    rateLimits: options.rateLimits ?? false,
    http: { requestTimeoutMs: options.requestTimeoutMs },
  });
  await app.ready();

  const signedPost = (path: string, body: unknown, post: SignedPostOptions = {}) => {
    const signer = post.account ?? account;
    const raw = post.rawBody ?? JSON.stringify(body);
    const timestamp = String(clock.now());
    const computed: Record<string, string> = {
      'content-type': 'application/json',
      'x-bm-key': signer.apiKey,
      'x-bm-timestamp': timestamp,
      'x-bm-sign': signBitmart(signer, post.headers?.['x-bm-timestamp'] ?? timestamp, raw),
    };
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries({ ...computed, ...post.headers })) {
      if (value !== null && value !== undefined) headers[name] = value;
    }
    return app.inject({ method: 'POST', url: path, headers, payload: raw });
  };

  return {
    clock,
    market,
    engine,
    wsGateway,
    app,
    account,
    keyedGet: (path, apiKey = account.apiKey) =>
      app.inject({ method: 'GET', url: path, headers: { 'x-bm-key': apiKey } }),
    publicGet: (path) => app.inject({ method: 'GET', url: path }),
    signedPost,
    close: async () => {
      await wsGateway.close();
      await app.close();
      engine.stop();
      market.stop();
    },
  };
}
