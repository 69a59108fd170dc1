import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ControlAuditRepository } from '../controls/ControlAuditRepository.ts';
import type { ControlRequest, ControlResult, Controls } from '../controls/Controls.ts';
import { ApiError, describeZodError } from './ApiError.ts';
import { peerAddress } from './controlAccess.ts';
import { boundedInt, parseParameters, symbolParameter } from './queryParameters.ts';
import { jsonBody } from './requestBodies.ts';

const EXAMPLE = '{"confirm":true,"actor":"alice"}';

/** Letters, digits, spaces and `.`, `_`, `@`, `-`: a name a record shows back safely. */
export const ActorSchema = z
  .string()
  .trim()
  .min(1, 'expected 1-64 characters')
  .max(64, 'expected 1-64 characters')
  .regex(/^[\p{L}\p{N} ._@-]+$/u, 'expected letters, digits, spaces, ".", "_", "@" or "-"');

/** Every control's body: an explicit confirmation, who asks, and an optional idempotency key. */
const controlFields = {
  confirm: z.literal(true, { message: 'expected true: every control must be confirmed' }),
  actor: ActorSchema.default('dashboard'),
  // At most 32: flatten names each symbol's close `<request_id>.<SYMBOL>`, within the worker's 64.
  request_id: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,31}$/, 'expected 1-32 letters, digits, ".", "_", ":" or "-"')
    .optional(),
};
const ControlBodySchema = z.strictObject(controlFields);
const KillSwitchBodySchema = z.strictObject({
  ...controlFields,
  on: z.boolean({ message: 'expected true (stop the runner) or false (let it run)' }),
});
const SymbolPathSchema = z.strictObject({ symbol: symbolParameter });
const OrderPathSchema = z.strictObject({
  orderId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "expected the exchange's order id"),
});
const AuditQuerySchema = z.strictObject({ limit: boundedInt(1, 500, 100) });

/**
 * The dashboard's controls (issue 13): POST, JSON, same-site (the guard), the token off loopback
 * (`config.control`, controlAccess.ts). Bad input is a 400 naming the field before anything is
 * recorded or changed. An accepted control answers `{"status":"ok","data",…,"audit_id"}` or the
 * error shape with its `audit_id`; `GET /api/audit` lists the records.
 */
export function registerControlRoutes(app: FastifyInstance, controls: Controls, audit: ControlAuditRepository): void {
  const control = { config: { control: true } } as const;
  const post = <T extends { actor: string; request_id?: string | undefined }>(
    path: string,
    schema: z.ZodType<T>,
    handle: (request: FastifyRequest, base: ControlRequest, body: T) => Promise<ControlResult>,
  ) =>
    app.post(path, control, async (request, reply) => {
      const body = jsonBody(request, EXAMPLE);
      const parsed = schema.safeParse(body);
      if (!parsed.success) throw new ApiError(400, 'invalid_parameter', describeZodError(parsed.error));
      const caller = { actor: parsed.data.actor, address: peerAddress(request) };
      const base = { caller, requestId: parsed.data.request_id, body };
      return answer(reply, await handle(request, base, parsed.data));
    });

  post('/api/controls/entries/pause', ControlBodySchema, async (_request, base) => controls.pauseEntries(base));
  post('/api/controls/entries/resume', ControlBodySchema, async (_request, base) => controls.resumeEntries(base));
  post('/api/controls/flatten', ControlBodySchema, async (_request, base) => controls.flatten(base));
  post('/api/controls/positions/:symbol/close', ControlBodySchema, async (request, base) => {
    const { symbol } = parseParameters(SymbolPathSchema, request.params);
    return controls.closePosition(base, symbol);
  });
  post('/api/controls/orders/:orderId/cancel', ControlBodySchema, async (request, base) => {
    const { orderId } = parseParameters(OrderPathSchema, request.params);
    return controls.cancelOrder(base, orderId);
  });
  post('/api/controls/kill-switch', KillSwitchBodySchema, async (_request, base, body) =>
    controls.killSwitch(base, body.on),
  );

  app.get('/api/audit', async (request) => {
    const { limit } = parseParameters(AuditQuerySchema, request.query);
    const records = await audit.list(limit);
    return { status: 'ok', count: records.length, data: records };
  });
}

function answer(reply: FastifyReply, result: ControlResult) {
  const { http_status: status, code, message, data, audit_id } = result;
  if (status < 300) return reply.code(status).send({ status: 'ok', data, audit_id });
  // A 5xx names what failed, never why (the record does): house style, as the error handler.
  const detail = status >= 500 || message === null ? {} : { message };
  return reply.code(status).send({ status: 'error', code, ...detail, audit_id, ...(data === null ? {} : { data }) });
}
