import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { OkxCodes } from '../../../exchange/okx/protocol/codes.ts';
import { okxBulkCode } from '../../../exchange/okx/protocol/wire/envelope.ts';
import { BodyNotJsonError } from '../../../platform/http/index.ts';
import type { Logger } from '../../../platform/logging/logger.ts';
import { authenticateOkx } from './auth.ts';
import type { OkxContext, OkxEndpoint } from './endpoint.ts';
import { OkxRateLimits } from './OkxRateLimits.ts';
import { fieldsOf } from './params.ts';
import { OkxReplyError, sendOkxError, sendOkxNotFound, sendOkxOk } from './replies.ts';
import { accountEndpoints } from './routes/accountRoutes.ts';
import { algoEndpoints } from './routes/algoRoutes.ts';
import { billEndpoints } from './routes/billRoutes.ts';
import { publicEndpoints } from './routes/publicRoutes.ts';
import { tradeEndpoints } from './routes/tradeRoutes.ts';

/** Where OKX's REST API lives (https://www.okx.com/docs-v5/en/#overview-rest-authentication). */
export const OKX_REST_PREFIX = '/api/v5';

const BULK_MESSAGE = { '0': '', '1': 'All operations failed', '2': 'Bulk operation partially succeeded.' } as const;

/**
 * The simulator's OKX face on the same HTTP server as its BitMart one (decision 0027): every
 * `/api/v5/...` route, with OKX's auth, envelope and codes, its own 404 and error answers. Order of
 * checks: auth, the rate limit (when `rateLimits` is on), then the handler, so a refused request
 * changes nothing.
 */
export function registerOkxRestFace(
  app: FastifyInstance,
  ctx: OkxContext,
  options: { readonly logger: Logger; readonly rateLimits: boolean },
): void {
  const { logger } = options;
  const limiter = new OkxRateLimits(ctx.clock, options.rateLimits);
  const endpoints = [
    ...publicEndpoints(ctx),
    ...accountEndpoints(ctx),
    ...billEndpoints(ctx),
    ...tradeEndpoints(ctx),
    ...algoEndpoints(ctx),
  ];
  app.register(
    async (scope) => {
      for (const endpoint of endpoints) {
        scope.route({
          method: endpoint.method,
          url: endpoint.path,
          handler: async (request, reply) => serve(ctx, limiter, endpoint, request, reply),
        });
      }
      scope.setNotFoundHandler((_request, reply) => sendOkxNotFound(reply));
      scope.setErrorHandler((error, request, reply) => {
        if (error instanceof BodyNotJsonError) return sendOkxError(reply, OkxCodes.jsonSyntax);
        const status = (error as { statusCode?: unknown }).statusCode;
        if (typeof status === 'number' && status >= 400 && status < 500) {
          return sendOkxError(reply, status === 415 ? OkxCodes.contentType : OkxCodes.jsonSyntax);
        }
        logger.error({ err: error, method: request.method, url: request.url }, 'simulator OKX request failed');
        return sendOkxError(reply, OkxCodes.systemError);
      });
    },
    { prefix: OKX_REST_PREFIX },
  );
}

function serve(
  ctx: OkxContext,
  limiter: OkxRateLimits,
  endpoint: OkxEndpoint,
  request: FastifyRequest,
  reply: FastifyReply,
): FastifyReply {
  const inTime = String(ctx.clock.now() * 1_000);
  try {
    const account =
      endpoint.auth === 'private'
        ? authenticateOkx(ctx.engine, ctx.clock, {
            headers: request.headers,
            method: request.method,
            target: request.raw.url ?? request.url,
            rawBody: request.rawBody ?? '',
          })
        : undefined;
    const body = endpoint.method === 'GET' ? request.query : request.body;
    if (!limiter.admit(endpoint, `${OKX_REST_PREFIX}${endpoint.path}`, body, request.ip, account?.accountId)) {
      return sendOkxError(reply, OkxCodes.rateLimited);
    }
    const data = endpoint.handle({
      params: fieldsOf(body),
      body,
      account,
      receivedAtMicros: request.receivedAtMicros,
    });
    if (endpoint.kind === 'read') return sendOkxOk(reply, data);
    const code = okxBulkCode(data as { sCode: string }[]);
    return reply
      .code(200)
      .send({ code, msg: BULK_MESSAGE[code], data, inTime, outTime: String(ctx.clock.now() * 1_000) });
  } catch (error) {
    if (error instanceof OkxReplyError) return sendOkxError(reply, error.info);
    throw error;
  }
}
