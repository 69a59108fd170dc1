import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { Clock } from '../../../platform/clock/index.ts';
import { toWire, ZERO } from '../../../platform/decimal/index.ts';
import { BodyNotJsonError, type HttpServerSettings, registerCrossSiteGuard } from '../../../platform/http/index.ts';
import type { Logger } from '../../../platform/logging/logger.ts';
import type { AccountState, SimEngine, SimOrder } from '../../engine/types.ts';
import type { Market } from '../../market/types.ts';
import { decimalParam, isDecimalPositive } from '../params.ts';
import type { WsGateway } from '../WsGateway.ts';
import { assetWire, positionV2Wire } from '../wire/accountWire.ts';
import { maxNotionalValue } from '../wire/marketWire.ts';
import { orderWire, planOrderWire } from '../wire/orderWire.ts';

/**
 * The simulator's own admin API under /sim/ (not BitMart's): no auth, loopback callers only
 * unless told otherwise, no cross-site requests (decision 0013), strict JSON in, `{error}` with a
 * 4xx on bad input.
 */
export interface AdminDependencies {
  readonly market: Market;
  readonly engine: SimEngine;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly wsGateway: WsGateway;
  readonly allowRemote: boolean;
  /** The bound host and other allowed `Host` names (`SIM_ALLOWED_HOSTS`). */
  readonly http?: HttpServerSettings;
}

const PriceBody = z.strictObject({
  symbol: z.string().min(1),
  price: decimalParam.refine(isDecimalPositive, 'price must be positive'),
});

const FundingBody = z.strictObject({ symbol: z.string().min(1) });

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

function badRequest(reply: FastifyReply, error: string): FastifyReply {
  return reply.code(400).send({ error });
}

function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  const field = issue?.path.join('.') || 'body';
  return `${field}: ${issue?.message ?? 'invalid'}`;
}

/**
 * Registers /sim/ as an encapsulated plugin: its hooks and error handler apply to the routes the
 * router matched, after it decoded the path, so `/%73im/state` meets the same loopback guard.
 */
export function registerAdminRoutes(app: FastifyInstance, deps: AdminDependencies): void {
  app.register(async (admin) => {
    admin.addHook('onRequest', async (request, reply) => {
      if (deps.allowRemote || LOOPBACK.has(request.socket.remoteAddress ?? '')) return;
      return reply.code(403).send({ error: 'the admin API accepts loopback callers only' });
    });
    registerCrossSiteGuard(admin, {
      ...deps.http,
      refuse: (reply, refusal) => reply.code(refusal.status).send({ error: refusal.message }),
    });
    admin.setErrorHandler((error, request, reply) => {
      if (error instanceof BodyNotJsonError) return badRequest(reply, error.message);
      // Fastify's own 4xx (body too large, bad content length): the request was wrong, not the server.
      const status = (error as { statusCode?: unknown }).statusCode;
      if (typeof status === 'number' && status >= 400 && status < 500)
        return badRequest(reply, (error as Error).message);
      deps.logger.error({ err: error, method: request.method, url: request.url }, 'simulator admin request failed');
      return reply.code(500).send({ error: 'internal error' });
    });
    registerRoutes(admin, deps);
  });
}

function registerRoutes(app: FastifyInstance, deps: AdminDependencies): void {
  const { market, engine, clock, wsGateway } = deps;
  // Engine fills and WS pushes run synchronously inside setPrice, so the micros taken after it
  // returns mark when the resulting pushes left (comparable with orders' arrival_micros).
  app.post('/sim/price', async (request, reply) => {
    const parsed = PriceBody.safeParse(request.body);
    if (!parsed.success) return badRequest(reply, describeIssue(parsed.error));
    const { symbol, price } = parsed.data;
    if (!market.contract(symbol)) return badRequest(reply, `unknown symbol: ${symbol}`);
    const tick = market.setPrice(symbol, price);
    const pushedAtMicros = clock.monotonicMicros();
    return { symbol, price: toWire(tick.lastPrice), pushedAtMicros };
  });
  // Funding on demand: tests and demos need not wait for the next 8-hourly settlement.
  app.post('/sim/funding', async (request, reply) => {
    const parsed = FundingBody.safeParse(request.body);
    if (!parsed.success) return badRequest(reply, describeIssue(parsed.error));
    const { symbol } = parsed.data;
    const settled = engine.settleFunding(symbol);
    if (!settled.ok) return badRequest(reply, `unknown symbol: ${symbol}`);
    return { symbol, rate: toWire(settled.value.rate) };
  });
  app.post('/sim/ws/drop', async () => ({ dropped: wsGateway.dropAll() }));
  app.post('/sim/pause', async () => {
    market.pause();
    return { paused: market.paused };
  });
  app.post('/sim/resume', async () => {
    market.resume();
    return { paused: market.paused };
  });
  app.get('/sim/state', async () => ({
    paused: market.paused,
    markets: market.contracts().map((spec) => ({
      symbol: spec.symbol,
      last_price: toWire(market.lastPrice(spec.symbol)),
      mark_price: toWire(market.markPrice(spec.symbol)),
    })),
    accounts: engine.state().map((account) => accountStateWire(account, market, clock.now())),
  }));
}

function orderStateWire(order: SimOrder) {
  return { ...orderWire(order), arrival_micros: order.arrivalMicros };
}

function accountStateWire(account: AccountState, market: Market, nowMs: number) {
  const context = (symbol: string) => {
    const spec = market.contract(symbol);
    return {
      contractSize: spec?.contractSize ?? ZERO,
      maxNotionalValue: spec ? maxNotionalValue(spec, market.lastPrice(symbol)) : ZERO,
      nowMs,
    };
  };
  return {
    account_id: account.accountId,
    api_key: account.apiKey,
    position_mode: account.positionMode,
    assets: account.assets.map(assetWire),
    positions: account.positions.map((position) => positionV2Wire(position, context(position.symbol))),
    open_orders: account.openOrders.map(orderStateWire),
    orders: account.orders.map(orderStateWire),
    plan_orders: account.planOrders.map(planOrderWire),
  };
}
