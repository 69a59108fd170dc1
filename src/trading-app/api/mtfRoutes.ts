import type { FastifyInstance, FastifyRequest, RouteHandlerMethod } from 'fastify';
import { z } from 'zod';
import type { Logger } from '../../platform/logging/logger.ts';
import type { ControlRequest } from '../controls/Controls.ts';
import { MtfRunRequestError, type MtfService, SWITCH_KEY_PATTERN, UnknownProfileError } from '../mtf-runner/index.ts';
import { ApiError, describeZodError } from './ApiError.ts';
import { peerAddress } from './controlAccess.ts';
import { ActorSchema } from './controlRoutes.ts';
import { boolish, boundedInt, parseParameters, symbolParameter } from './queryParameters.ts';
import { formOrJsonBody, jsonBody } from './requestBodies.ts';
import { schedulerJobFields } from './schedulerJobFields.ts';

const RUN_EXAMPLE = '{"dry_run":true,"mtf_profile":"scalper_micro"}';
const SWITCH_EXAMPLE = '{"key":"SYMBOL:BTCUSDT","is_on":false,"duration":"4h"}';
const FORCE_RELEASE_EXAMPLE = '{"lock_key":"mtf_execution:BTCUSDT","reason":"stuck"}';

const symbolList = z
  .union([z.array(z.string()), z.string()])
  .transform((value) => (Array.isArray(value) ? value : value.split(',')))
  .pipe(z.array(z.string().trim()).transform((list) => list.filter((symbol) => symbol !== '')))
  .pipe(z.array(symbolParameter).max(1000));

/**
 * The seeds' body (`dry_run`, `workers`, `mtf_profile`), the original's and the scheduler's
 * (docs/reference/seed-contracts.md#mtf-run); unknown keys are refused.
 */
const RunBodySchema = z.strictObject({
  symbols: symbolList.optional(),
  dry_run: boolish.optional(),
  mtf_profile: z.string().optional(),
  ...schedulerJobFields,
});

const AuditQuerySchema = z.strictObject({
  limit: boundedInt(1, 500, 100),
  symbol: symbolParameter.optional(),
  step: z
    .string()
    .regex(/^[A-Za-z0-9_]{1,100}$/, 'expected a step such as 1m_VALIDATION_FAILED')
    .optional(),
  run_id: z.string().max(64).optional(),
});

/** The key the original's routes default to; here locks are per symbol (`mtf_execution:{SYMBOL}`). */
const GLOBAL_LOCK_KEY = 'mtf_execution';

const DURATION = /^(\d+)(s|m|h|d)$/;
const UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
/** A switch set for longer is meant forever: leave `duration` out. Beyond it a date would overflow. */
const MAX_DURATION_MS = 366 * UNIT_MS.d;

const SwitchBodySchema = z
  .strictObject({
    key: z.string().regex(SWITCH_KEY_PATTERN, 'expected GLOBAL, ENTRIES, SYMBOL:{SYMBOL} or SYMBOL_TF:{SYMBOL}:{tf}'),
    is_on: z.boolean(),
    expires_at: z.iso.datetime({ offset: true }).optional(),
    duration: z
      .string()
      .regex(DURATION, 'expected a duration such as 90s, 15m, 4h or 1d')
      .refine(
        // A refine runs after a failed regex too: only a well-formed duration is measured.
        (duration) => !DURATION.test(duration) || durationMs(duration) <= MAX_DURATION_MS,
        'expected at most 366 days (366d)',
      )
      .optional(),
    description: z.string().max(500).optional(),
    /** Who sets it, for the audit record (default `api`). */
    actor: ActorSchema.optional(),
  })
  .refine((body) => !(body.expires_at && body.duration), {
    message: 'give expires_at or duration, not both',
    path: ['duration'],
  });

/**
 * The original's form fields (docs/reference/seed-contracts.md#mtf-routes); its table's key is at most
 * 50 characters.
 */
const ForceReleaseSchema = z.strictObject({
  lock_key: z.string().trim().min(1).max(50).default(GLOBAL_LOCK_KEY),
  reason: z.string().max(500).optional(),
});

const ToggleBodySchema = z.strictObject({ actor: ActorSchema.optional() });

const IdSchema = z.strictObject({
  id: z
    .string()
    .regex(/^\d{1,15}$/, 'expected a switch id')
    .transform(Number),
});

/**
 * A switch write, for the control record (`GET /api/audit`, decision 0024); the routes act, this
 * only records what they did.
 */
export type SwitchRecorder = (
  request: ControlRequest,
  action: 'switch.set' | 'switch.toggle',
  target: string,
  answer: { status: number; code?: string; message?: string; data: unknown },
) => Promise<number>;

/**
 * `/api/mtf/*` (docs/reference/seed-contracts.md#mtf-run, #mtf-routes) over the MTF service. Every
 * answer is `{"status":"success",…}` or the one error shape.
 */
export function registerMtfRoutes(
  app: FastifyInstance,
  mtf: MtfService,
  now: () => number,
  logger: Logger,
  recordSwitch?: SwitchRecorder,
): void {
  const run = async (input: unknown) => {
    const parsed = RunBodySchema.safeParse(input ?? {});
    if (!parsed.success) throw new ApiError(400, 'invalid_parameter', describeZodError(parsed.error));
    const body = parsed.data;
    try {
      return await mtf.run({
        symbols: body.symbols,
        dryRun: body.dry_run,
        forceRun: body.force_run,
        currentTf: body.current_tf,
        workers: body.workers,
        profile: body.mtf_profile,
      });
    } catch (error) {
      if (error instanceof UnknownProfileError)
        throw new ApiError(400, 'invalid_parameter', `mtf_profile: ${error.message}`);
      if (error instanceof MtfRunRequestError) throw new ApiError(400, 'invalid_parameter', error.message);
      throw error;
    }
  };
  app.post('/api/mtf/run', async (request) => run(jsonBody(request, RUN_EXAMPLE)));
  app.get('/api/mtf/run', async (request) => run(request.query));

  // The seeds list the reads without the /api prefix too (seed-contracts.md#mtf-routes): each answers at both paths.
  const getAtBoth = (path: string, handler: RouteHandlerMethod) => {
    app.get(`/api${path}`, handler);
    app.get(path, handler);
  };

  getAtBoth('/mtf/status', async () => ({ status: 'success', data: await mtf.status() }));

  getAtBoth('/mtf/lock/status', async () => {
    const locks = await mtf.lockStatus();
    return {
      status: 'success',
      // The original's single global `mtf_execution` lock does not exist here: locks are per symbol.
      data: { mtf_execution_lock: null, all_active_locks: locks, timestamp: new Date(now()).toISOString() },
    };
  });

  app.post('/api/mtf/lock/force-release', { config: { acceptsFormBody: true } }, async (request, reply) => {
    const parsed = ForceReleaseSchema.safeParse(formOrJsonBody(request, FORCE_RELEASE_EXAMPLE));
    if (!parsed.success) throw new ApiError(400, 'invalid_parameter', describeZodError(parsed.error));
    const { lock_key, reason = '' } = parsed.data;
    if (!(await mtf.forceReleaseLock(lock_key))) {
      return reply
        .code(404)
        .send({ status: 'error', message: 'Lock not found or already released', data: { lock_key } });
    }
    logger.warn({ lock_key, reason }, 'MTF lock force released: a run may now start on it while its holder still runs');
    const timestamp = new Date(now()).toISOString();
    return { status: 'success', message: 'Lock force released successfully', data: { lock_key, reason, timestamp } };
  });

  app.post('/api/mtf/lock/cleanup', async () => {
    const cleaned_count = await mtf.cleanupExpiredLocks();
    const data = { cleaned_count, timestamp: new Date(now()).toISOString() };
    return { status: 'success', message: 'Expired locks cleaned up', data };
  });

  getAtBoth('/mtf/audit', async (request) => {
    const query = parseParameters(AuditQuerySchema, request.query);
    return { status: 'success', data: await mtf.audit({ ...query, runId: query.run_id }) };
  });

  app.get('/api/mtf/switches', async () => ({ status: 'success', data: await mtf.listSwitches() }));

  const caller = (request: FastifyRequest, body: object, actor: string | undefined): ControlRequest => ({
    caller: { actor: actor ?? 'api', address: peerAddress(request) },
    requestId: undefined,
    body,
  });

  app.post('/api/mtf/switches', { config: { control: true } }, async (request) => {
    const raw = jsonBody(request, SWITCH_EXAMPLE);
    const parsed = SwitchBodySchema.safeParse(raw);
    if (!parsed.success) throw new ApiError(400, 'invalid_parameter', describeZodError(parsed.error));
    const body = parsed.data;
    const expiresAt = body.expires_at
      ? Date.parse(body.expires_at)
      : body.duration
        ? now() + durationMs(body.duration)
        : null;
    const data = await mtf.setSwitch({ key: body.key, isOn: body.is_on, expiresAt, description: body.description });
    await recordSwitch?.(caller(request, raw, body.actor), 'switch.set', body.key, { status: 200, data });
    return { status: 'success', message: 'Switch set', data };
  });

  app.post('/api/mtf/switches/:id/toggle', { config: { control: true } }, async (request) => {
    const { id } = parseParameters(IdSchema, request.params);
    const raw = jsonBody(request, '{"actor":"alice"}');
    const parsed = ToggleBodySchema.safeParse(raw);
    if (!parsed.success) throw new ApiError(400, 'invalid_parameter', describeZodError(parsed.error));
    const data = await mtf.toggleSwitch(id);
    const who = caller(request, raw, parsed.data.actor);
    if (!data) {
      const message = `no switch with id ${id}`;
      await recordSwitch?.(who, 'switch.toggle', String(id), {
        status: 404,
        code: 'switch_not_found',
        message,
        data: null,
      });
      throw new ApiError(404, 'switch_not_found', message);
    }
    await recordSwitch?.(who, 'switch.toggle', data.key, { status: 200, data });
    return {
      status: 'success',
      message: 'Switch toggled',
      data: { id: data.id, key: data.key, is_on: data.is_on, timestamp: new Date(now()).toISOString() },
    };
  });
}

function durationMs(duration: string): number {
  const [, amount, unit] = DURATION.exec(duration) as RegExpExecArray;
  return Number(amount) * UNIT_MS[unit as keyof typeof UNIT_MS];
}
