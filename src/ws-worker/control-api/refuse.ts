import type { FastifyReply } from 'fastify';
import type { ControlRefusal } from './WorkerControl.ts';

/** Every refusal has one shape: `{"ok":false,"error":"<what was wrong>"}` with its 4xx. */
export function refuse(reply: FastifyReply, refusal: ControlRefusal): FastifyReply {
  return reply.code(refusal.status).send({ ok: false, error: refusal.error });
}
