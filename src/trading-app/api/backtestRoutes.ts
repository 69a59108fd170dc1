import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { Dec } from '../../platform/decimal/index.ts';
import { BacktestBusyError, type BacktestService, BacktestStoppingError } from '../backtests/BacktestService.ts';
import {
  BacktestParameterError,
  type BacktestParameters,
  parseFees,
  parseSlippageBps,
  parseUtcMinute,
} from '../backtests/backtestParameters.ts';
import { ApiError, describeZodError } from './ApiError.ts';
import { jsonBody } from './requestBodies.ts';

const EXAMPLE =
  '{"profile":"scalper_micro","symbols":["BTCUSDT"],"from":"2026-01-05T10:00","to":"2026-01-05T12:00","balance":"10000","fees":"0.0002,0.0006","slippage":5}';

/** A parser of ours as a zod transform: its message becomes the issue, naming the field. */
function parsedBy<T>(parse: (text: string) => T) {
  return (text: string, context: z.RefinementCtx): T => {
    try {
      return parse(text);
    } catch (error) {
      if (!(error instanceof BacktestParameterError)) throw error;
      context.addIssue({ code: 'custom', message: error.message });
      return z.NEVER;
    }
  };
}

function bodySchema(profiles: readonly string[]) {
  return z
    .strictObject({
      profile: z.enum(profiles as [string, ...string[]], { message: `expected one of ${profiles.join(', ')}` }),
      symbols: z
        .array(z.string().regex(/^[A-Za-z0-9]{2,30}$/, 'expected a symbol such as BTCUSDT'), {
          message: 'expected an array of symbols such as ["BTCUSDT"]',
        })
        .min(1, 'expected at least one symbol')
        .max(20, 'expected at most 20 symbols')
        .transform((symbols) => symbols.map((symbol) => symbol.toUpperCase()))
        .refine((symbols) => new Set(symbols).size === symbols.length, 'names a symbol twice'),
      from: z.string().transform(parsedBy(parseUtcMinute)),
      to: z.string().transform(parsedBy(parseUtcMinute)),
      balance: z
        .union([z.string(), z.number()])
        .transform(String)
        .refine((text) => /^\d+(\.\d+)?$/.test(text) && new Dec(text).gt(0), 'expected a positive amount of USDT')
        .transform((text) => new Dec(text))
        .default(new Dec(10_000)),
      fees: z.string().transform(parsedBy(parseFees)).optional(),
      slippage: z.union([z.string(), z.number()]).transform(String).transform(parsedBy(parseSlippageBps)).default(0),
    })
    .refine((body) => body.to > body.from, { path: ['to'], message: 'must come after from' });
}

/**
 * `POST /api/backtests` starts a backtest in this process (one at a time: 409 while one runs),
 * `GET /api/backtests` lists them, `GET /api/backtests/:id` gives one and, once done, the JSON
 * `backtest:run --json` prints, `GET /api/backtests/:id/report.html` its HTML report.
 */
export function registerBacktestRoutes(app: FastifyInstance, backtests: BacktestService, profiles: readonly string[]) {
  const schema = bodySchema(profiles);
  app.post('/api/backtests', { config: { control: true } }, async (request, reply) => {
    const parsed = schema.safeParse(jsonBody(request, EXAMPLE));
    if (!parsed.success) throw new ApiError(400, 'invalid_parameter', describeZodError(parsed.error));
    const { profile, symbols, from, to, balance, fees, slippage } = parsed.data;
    const parameters: BacktestParameters = {
      profile,
      symbols,
      fromMs: from,
      toMs: to,
      balance,
      slippageBps: slippage,
      ...(fees ? { fees } : {}),
    };
    try {
      const { id } = await backtests.submit(parameters);
      return reply.code(202).send({ status: 'accepted', data: { id } });
    } catch (error) {
      if (error instanceof BacktestBusyError) throw new ApiError(409, 'backtest_running', error.message);
      if (error instanceof BacktestStoppingError) throw new ApiError(503, 'app_stopping');
      throw error;
    }
  });

  app.get('/api/backtests', async () => ({ status: 'ok', data: await backtests.list() }));

  app.get('/api/backtests/:id', async (request, reply) => {
    const found = await backtests.find(idOf(request.params));
    if (!found) throw notFound(request.params);
    // `data.result` is the stored text as it is: the CLI's bytes, not a re-serialisation.
    const view = JSON.stringify(found.view).slice(0, -1);
    return reply
      .type('application/json; charset=utf-8')
      .send(`{"status":"ok","data":${view},"result":${found.result ?? 'null'}}}`);
  });

  app.get('/api/backtests/:id/report.html', async (request, reply) => {
    const found = await backtests.report(idOf(request.params));
    if (!found) throw notFound(request.params);
    if (found.report === null) {
      throw new ApiError(404, 'report_not_ready', `backtest ${idOf(request.params)} is ${found.state}: no report yet`);
    }
    return reply.type('text/html; charset=utf-8').send(found.report);
  });
}

const IdSchema = z.strictObject({ id: z.string().regex(/^[1-9]\d{0,15}$/, 'expected a backtest id such as 12') });

function idOf(params: unknown): number {
  const parsed = IdSchema.safeParse(params);
  if (!parsed.success) throw new ApiError(400, 'invalid_parameter', describeZodError(parsed.error, 'id'));
  return Number(parsed.data.id);
}

function notFound(params: unknown): ApiError {
  return new ApiError(404, 'not_found', `no backtest ${idOf(params)}`);
}
