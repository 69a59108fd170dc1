import Fastify, { type FastifyInstance } from 'fastify';
import {
  findUnstorableText,
  registerCrossSiteGuard,
  registerJsonBody,
  requestTimeoutOptions,
} from '../../platform/http/index.ts';
import { ApiError } from './ApiError.ts';
import type { TradingAppApiDependencies } from './apiDependencies.ts';
import { registerBacktestRoutes } from './backtestRoutes.ts';
import { registerBalanceRoutes } from './balanceRoutes.ts';
import { registerControlAccess } from './controlAccess.ts';
import { registerControlRoutes } from './controlRoutes.ts';
import { registerDashboardRoutes } from './dashboardRoutes.ts';
import { registerDiagnoseRoutes } from './diagnoseRoutes.ts';
import { registerEventRoutes } from './eventRoutes.ts';
import { registerKlineRoutes } from './klineRoutes.ts';
import { registerMaintenanceRoutes } from './maintenanceRoutes.ts';
import { registerMarketDataRoutes } from './marketDataRoutes.ts';
import { registerMtfAuditRoutes } from './mtfAuditRoutes.ts';
import { registerMtfRoutes } from './mtfRoutes.ts';
import { registerOrderRoutes } from './orderRoutes.ts';
import { registerPortfolioRoutes } from './portfolioRoutes.ts';
import { registerProviderHealthRoutes } from './providerHealthRoutes.ts';
import { registerScheduleRoutes } from './scheduleRoutes.ts';
import { registerSignalRoutes } from './signalRoutes.ts';
import { registerTradeEntryRoutes } from './tradeEntryRoutes.ts';
import { registerTradeRoutes } from './tradeRoutes.ts';
import { registerTradeTpSlRoutes } from './tradeTpSlRoutes.ts';
import { registerWorkerOrderRoutes } from './workerOrderRoutes.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** Clock.monotonicMicros() on arrival, for the latency histogram. */
    startedAtMicros: number;
  }
}

/**
 * The trading-app's HTTP API: the worker's signed signals in, the store's read models out, and
 * `/metrics`. Routes are thin; this file owns what they share: the cross-site guard (decision
 * 0013), the raw body, text checks on query and path parameters, the latency histogram, the 404
 * and the one error handler.
 */
export function buildTradingAppServer(deps: TradingAppApiDependencies): FastifyInstance {
  const app = Fastify({
    logger: false,
    forceCloseConnections: true,
    ...requestTimeoutOptions(deps.http?.requestTimeoutMs),
  });
  observeLatency(app, deps);
  registerCrossSiteGuard(app, {
    ...deps.http,
    refuse: (reply, refusal) =>
      reply.code(refusal.status).send(new ApiError(refusal.status, refusal.code, refusal.message).toBody()),
  });
  // Parsed by each route: a signed one checks the signature over the raw text before it reads the
  // JSON (an unauthenticated caller learns nothing about the payload rules). Signals are small;
  // 1 MiB is generous.
  registerJsonBody(app, { parse: 'later', bodyLimit: 1024 * 1024 });
  refuseUnstorableParameters(app);
  registerControlAccess(app, deps.apiToken);

  registerSignalRoutes(app, deps);
  registerBalanceRoutes(app, deps);
  registerOrderRoutes(app, deps);
  registerWorkerOrderRoutes(app, deps);
  registerPortfolioRoutes(app, deps);
  if (deps.mtf) {
    const controls = deps.controls?.service;
    registerMtfRoutes(
      app,
      deps.mtf,
      () => deps.clock.now(),
      deps.logger,
      controls && ((request, action, target, answer) => controls.recordSwitch(request, action, target, answer)),
    );
    registerMtfAuditRoutes(app, deps.mtf);
    registerDiagnoseRoutes(app, deps.mtf);
  }
  registerMarketDataRoutes(app, deps);
  if (deps.marketData) registerKlineRoutes(app, deps.marketData);
  registerProviderHealthRoutes(app, deps);
  if (deps.maintenance) registerMaintenanceRoutes(app, deps.maintenance);
  if (deps.schedules) registerScheduleRoutes(app, deps.schedules);
  if (deps.trades) registerTradeRoutes(app, deps.trades, deps);
  if (deps.tradeEntry) {
    registerTradeEntryRoutes(app, deps.tradeEntry.entry, deps.tradeEntry.metrics);
    registerTradeTpSlRoutes(app, deps.tradeEntry.twoTargets);
  }
  if (deps.dashboard) registerDashboardRoutes(app, deps.dashboard, deps.logger);
  if (deps.controls) registerControlRoutes(app, deps.controls.service, deps.controls.audit);
  if (deps.events) registerEventRoutes(app, deps.events, deps.clock);
  if (deps.backtests) registerBacktestRoutes(app, deps.backtests.service, deps.backtests.profiles);
  app.get('/metrics', async (_request, reply) => {
    return reply.type(deps.metrics.contentType).send(await deps.metrics.render());
  });

  app.setNotFoundHandler((request, reply) => {
    const path = (request.url.split('?')[0] ?? '').slice(0, 200);
    return reply.code(404).send(new ApiError(404, 'not_found', `no route ${request.method} ${path}`).toBody());
  });
  app.setErrorHandler((error, request, reply) => {
    if (error instanceof ApiError) return reply.code(error.statusCode).send(error.toBody());
    // Fastify's own 4xx (body too large, unsupported media, bad content length) was the caller's doing.
    const status = (error as { statusCode?: unknown }).statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      return reply.code(status).send(new ApiError(status, 'bad_request', (error as Error).message).toBody());
    }
    deps.logger.error({ err: error, method: request.method, url: request.url }, 'trading-app request failed');
    return reply.code(500).send(new ApiError(500, 'internal_error').toBody());
  });
  return app;
}

/** A NUL or an unpaired surrogate in the query or the path would reach PostgreSQL, which refuses it. */
function refuseUnstorableParameters(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    const problem = findUnstorableText(request.query, 'query') ?? findUnstorableText(request.params, 'path');
    if (problem !== undefined) throw new ApiError(400, 'invalid_parameter', problem);
  });
}

function observeLatency(app: FastifyInstance, deps: TradingAppApiDependencies): void {
  app.decorateRequest('startedAtMicros', 0);
  app.addHook('onRequest', async (request) => {
    request.startedAtMicros = deps.clock.monotonicMicros();
  });
  app.addHook('onResponse', async (request, reply) => {
    const seconds = (deps.clock.monotonicMicros() - request.startedAtMicros) / 1e6;
    // The route template, never the raw URL: one series per route, whatever ids callers send.
    const route = request.routeOptions.url ?? 'unmatched';
    deps.metrics.requestObserved({ method: request.method, route, statusCode: reply.statusCode }, seconds);
  });
}
