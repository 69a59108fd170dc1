import type { FastifyReply } from 'fastify';
import type { ControlRefusal } from './WorkerControl.ts';

/** A refusal of the control API itself: the services' 400/409, or a cross-site request's 403/415. */
type Refusal = Omit<ControlRefusal, 'status'> & { readonly status: ControlRefusal['status'] | 403 | 415 };

/** Every refusal has one shape: `{"ok":false,"error":"<what was wrong>"}` with its 4xx. */
export function refuse(reply: FastifyReply, refusal: Refusal): FastifyReply {
  return reply.code(refusal.status).send({ ok: false, error: refusal.error });
}
