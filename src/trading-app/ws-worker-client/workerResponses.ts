import { z } from 'zod';
import type { ReplaceProtectionsAnswer } from '../../contracts/api/replaceProtections.ts';

/**
 * The worker's control API answers (docs/reference/seed-contracts.md#place-order, #monitor-position), parsed loosely: a
 * newer worker may add fields. PHP encodes an empty map as `[]`, so maps also accept a list.
 */
export const PlaceOrderAnswerSchema = z.looseObject({
  ok: z.boolean(),
  message: z.string().optional(),
  order_id: z.string().optional(),
  error: z.string().optional(),
});

/** A price as the worker shows it; the PHP worker sends numbers. */
const PriceSchema = z.union([z.string(), z.number().transform(String)]);

/**
 * The trade-management fields of a request or position (our worker since issue 11; the PHP worker
 * never sends them). Each is read on its own: a shape this client does not know is left out, it
 * does not make the whole answer unreadable.
 */
const ManagementViewFields = {
  targets: z
    .array(z.looseObject({ price: PriceSchema, fraction: PriceSchema, state: z.enum(['open', 'filled']).optional() }))
    .optional()
    .catch(undefined),
  trailing: z
    .looseObject({
      mode: z.enum(['break_even', 'atr_chandelier']),
      atr: PriceSchema.optional(),
      atr_k: z.number().optional(),
      /** Positions: TP1 has filled and the stop follows. */
      active: z.boolean().optional(),
      stop_moved: z.boolean().optional(),
      best_price: PriceSchema.nullable().optional(),
    })
    .nullable()
    .optional()
    .catch(undefined),
  /** Positions: when the remainder is closed at market (Unix seconds). */
  time_stop_at: z.number().nullable().optional().catch(undefined),
  /** Positions: the stop and TP1's order on the exchange. */
  protections: z
    .looseObject({
      stop: z.looseObject({ preset: z.boolean(), trigger_price: PriceSchema.nullable() }).nullable(),
      target: z.looseObject({ client_order_id: z.string(), size: PriceSchema.nullable() }).nullable(),
    })
    .optional()
    .catch(undefined),
};

const WorkerEntrySchema = z.looseObject({
  id: z.string().optional(),
  symbol: z.string().optional(),
  side: z.string().optional(),
  ...ManagementViewFields,
});

export type WorkerQueueEntry = z.infer<typeof WorkerEntrySchema>;

const entryMap = z
  .union([z.record(z.string(), WorkerEntrySchema), z.array(WorkerEntrySchema)])
  .transform(
    (entries): Record<string, WorkerQueueEntry> =>
      Array.isArray(entries)
        ? Object.fromEntries(entries.map((entry, index) => [entry.id ?? String(index), entry]))
        : entries,
  );

export const OrdersStatusAnswerSchema = z.looseObject({
  pending_orders: z.number().int().nonnegative(),
  monitored_positions: z.number().int().nonnegative(),
  orders: entryMap.default({}),
  positions: entryMap.default({}),
});

/** The worker's queue: entry orders waiting for their zone, positions watched for SL/TP. */
export interface WorkerOrdersStatus {
  readonly pendingOrders: number;
  readonly monitoredPositions: number;
  /** By request id (the id the app chose; the worker maps it to a client order id). */
  readonly orders: Readonly<Record<string, WorkerQueueEntry>>;
  readonly positions: Readonly<Record<string, WorkerQueueEntry>>;
}

/**
 * `queued`: accepted now. `duplicate`: the worker already knows this id (409), queued, placed or
 * finished; after an unknown outcome that means our earlier request got through.
 */
export type PlaceOrderResult = {
  readonly status: 'queued' | 'duplicate';
  readonly orderId: string;
  readonly message: string;
};

export const MonitorPositionAnswerSchema = z.looseObject({
  ok: z.boolean(),
  message: z.string().optional(),
  position_id: z.string().optional(),
  error: z.string().optional(),
});

/**
 * `monitored`: the worker watches the position from now on. `conflict` (409): the id is taken, or
 * the position is closed or already watched by another request; `message` says which.
 */
export type MonitorPositionResult = {
  readonly status: 'monitored' | 'conflict';
  readonly positionId: string;
  readonly message: string;
};

/**
 * What `POST /api/positions/:id/protections` came to. `replaced`: the venue holds the new levels.
 * `not_managed` (404): the worker has no open position of that id (never ours, closed, or its
 * entry not filled yet). `conflict` (409): the position is being closed, or a level is already
 * passed. `venue_refused` (502): an order was refused; what protected the position stays.
 */
export type ReplaceProtectionsResult = {
  readonly status: 'replaced' | 'not_managed' | 'conflict' | 'venue_refused';
  readonly error: string | undefined;
  readonly answer: ReplaceProtectionsAnswer;
};

/** The part of the worker's `GET /status` the dashboard's health shows (parsed loosely). */
export const WorkerStatusAnswerSchema = z.looseObject({
  is_running: z.boolean(),
  public_ws_connected: z.boolean(),
  private_ws_connected: z.boolean(),
  health: z
    .array(
      z.looseObject({
        topic: z.string(),
        last_message_age_ms: z.number().nullable(),
        subscribed: z.boolean(),
        reconnects: z.number().optional(),
      }),
    )
    .catch([]),
  outbox: z.looseObject({ depth: z.number(), delivered: z.number(), failed: z.number() }),
});
export type WorkerStatusAnswer = z.infer<typeof WorkerStatusAnswerSchema>;

/**
 * What a manual control came to on the worker. `done`: the worker acted (the answer says what);
 * `not_found` (404): nothing of that name is open; `conflict` (409): the state forbids it (an order
 * protecting a position the worker manages); `venue_failed` (502): the exchange refused or failed.
 */
export type ManualControlResult<A> =
  | { readonly status: 'done'; readonly answer: A }
  | { readonly status: 'not_found' | 'conflict' | 'venue_failed'; readonly error: string };
