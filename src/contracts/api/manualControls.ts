import { z } from 'zod';
import { RequestIdSchema, SymbolSchema } from './requestFields.ts';

/**
 * The worker's routes behind the dashboard's controls (issue 13): the trading-app asks, the worker,
 * which owns execution, acts. docs/decisions/0024-dashboard-api.md.
 *
 * `POST /api/positions/:symbol/close`: every position of `symbol` the exchange holds is closed at
 * market with reduce-only orders. `id` is the caller's idempotency key: the orders' client order
 * ids derive from it, so the same `id` sent again never sends a second close.
 */
export const ClosePositionRequestSchema = z.strictObject({ id: RequestIdSchema });
export type ClosePositionRequest = z.infer<typeof ClosePositionRequestSchema>;

export const PositionSymbolSchema = SymbolSchema;

/**
 * One side's close. `sent`: orders went out now. `in_flight`: a close of that position was already
 * under way (the worker's own, a stop or target being taken, or an earlier request's): nothing more
 * was sent. `refused`: the exchange refused every order (`error` says why). `managed`: the worker
 * manages the position (its close runs through the SL/TP monitor, which then reports it closed,
 * reason `manual`).
 */
export const SideCloseSchema = z.looseObject({
  side: z.enum(['long', 'short']),
  size: z.string(),
  state: z.enum(['sent', 'in_flight', 'refused']),
  error: z.string().optional(),
  managed: z.boolean(),
  client_order_ids: z.array(z.string()),
});
export type SideClose = z.infer<typeof SideCloseSchema>;

/** 200 `{ok:true, symbol, closes}`; 404 no open position of the symbol; 400 a bad symbol or id; 502 the venue failed. */
export const ClosePositionAnswerSchema = z.looseObject({
  ok: z.boolean(),
  error: z.string().optional(),
  symbol: z.string().optional(),
  closes: z.array(SideCloseSchema).optional(),
});
export type ClosePositionAnswer = z.infer<typeof ClosePositionAnswerSchema>;

/**
 * `POST /api/orders/:orderId/cancel`: an open order or a waiting trigger (plan, TP/SL) of
 * `symbol`. An entry order of a request the worker waits on ends that request (it is not placed
 * again); a stop or target protecting a position the worker manages is refused (409): close the
 * position, or replace its protections, instead.
 */
export const CancelOrderRequestSchema = z.strictObject({ symbol: SymbolSchema });
export type CancelOrderRequest = z.infer<typeof CancelOrderRequestSchema>;

export const OrderIdParameterSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'expected an exchange order id');

/** 200 `{ok:true, order_id, symbol, kind, request_id}`; 404 no such open order; 409 it protects a managed position. */
export const CancelOrderAnswerSchema = z.looseObject({
  ok: z.boolean(),
  error: z.string().optional(),
  order_id: z.string().optional(),
  symbol: z.string().optional(),
  /** `order`: a regular order; `plan`: a trigger order. */
  kind: z.enum(['order', 'plan']).optional(),
  /** The worker's request the order was the entry of, when it was one (that request is ended). */
  request_id: z.string().nullable().optional(),
});
export type CancelOrderAnswer = z.infer<typeof CancelOrderAnswerSchema>;
