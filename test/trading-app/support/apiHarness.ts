import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import { ManualClock } from '../../../src/platform/clock/index.ts';
import { silentLogger } from '../../../src/platform/logging/logger.ts';
import { buildTradingAppServer } from '../../../src/trading-app/api/buildTradingAppServer.ts';
import { TradingAppMetrics } from '../../../src/trading-app/metrics/TradingAppMetrics.ts';
import type { TradingAppStore } from '../../../src/trading-app/TradingAppServices.ts';
import { signedHeaders, TEST_SECRET } from './signing.ts';
import { openTestStore, type TestStore } from './testStore.ts';

export interface PostOptions {
  /** Default: signed with TEST_SECRET at the clock's now. */
  readonly headers?: Record<string, string>;
  readonly signedAtMs?: number;
  readonly secret?: string;
}

/** The headers of an unsigned JSON post: what the signature check alone must refuse. */
export const JSON_ONLY: Readonly<Record<string, string>> = { 'content-type': 'application/json' };

/** 2025-11-05T12:00:00Z, near the seeds' example payloads. */
export const HARNESS_START_MS = Date.UTC(2025, 10, 5, 12, 0, 0);

/** The API in process over `store`, on a manual clock (shared with the store), driven with `inject()`. */
export class ApiHarness {
  readonly metrics = new TradingAppMetrics();
  readonly app: FastifyInstance;

  constructor(
    readonly store: TradingAppStore,
    readonly clock = new ManualClock(HARNESS_START_MS),
  ) {
    this.app = buildTradingAppServer({
      store,
      clock: this.clock,
      logger: silentLogger(),
      metrics: this.metrics,
      sharedSecret: TEST_SECRET,
    });
  }

  /** Posts `payload` (an object is JSON-encoded; a string is sent as is) as the worker would. */
  post(url: string, payload: unknown, options: PostOptions = {}): Promise<LightMyRequestResponse> {
    const body = typeof payload === 'string' ? payload : JSON.stringify(payload);
    const headers =
      options.headers ?? signedHeaders(body, options.signedAtMs ?? this.clock.now(), options.secret ?? TEST_SECRET);
    return this.app.inject({ method: 'POST', url, headers, payload: body });
  }

  get(url: string): Promise<LightMyRequestResponse> {
    return this.app.inject({ method: 'GET', url });
  }

  /** The value of one series in `/metrics`, 0 when absent. */
  async metric(name: string, labels: Record<string, string>): Promise<number> {
    const text = await this.metrics.render();
    const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
    for (const line of text.split('\n')) {
      if (!line.startsWith(`${name}{`)) continue;
      if (wanted.every((pair) => line.includes(pair))) return Number(line.split(' ').at(-1));
    }
    return 0;
  }

  close(): Promise<void> {
    return this.app.close();
  }
}

/**
 * One API harness over the real store on PGlite for a test file (a cold PGlite costs seconds):
 * opened before the file's tests, closed after; the getter returns it.
 */
export function useStoredApiHarness(): () => ApiHarness {
  let store: TestStore | undefined;
  let api: ApiHarness | undefined;
  beforeAll(async () => {
    const clock = new ManualClock(HARNESS_START_MS);
    store = await openTestStore(clock);
    api = new ApiHarness(store.store, clock);
  });
  afterAll(async () => {
    await api?.close();
    await store?.close();
  });
  return () => {
    if (!api) throw new Error('the API harness is not open yet');
    return api;
  };
}
