import { and, asc, desc, eq, type SQL } from 'drizzle-orm';
import type { OrderDto, OrderLifecycleEventDto, OrderWithLifecycleDto } from '../../TradingAppServices.ts';
import { type Executor, isoTime } from '../executor.ts';
import { orderKey } from '../ingest/orderKeys.ts';
import { orderEvents, orders } from '../schema.ts';

/** The original's list endpoint allowed 1..200 (docs/reference/seed-contracts.md#worker-order-queries). */
export const MAX_PAGE_SIZE = 200;

export function pageSize(limit: number): number {
  return Math.min(Math.max(Math.trunc(limit) || 1, 1), MAX_PAGE_SIZE);
}

/** Newest submission first; filters compare upper-cased, as symbols, statuses and kinds are stored. */
export async function listOrders(
  db: Executor,
  query: { symbol?: string; status?: string; kind?: string; limit: number },
): Promise<OrderDto[]> {
  const conditions: SQL[] = [];
  if (query.symbol) conditions.push(eq(orders.symbol, query.symbol.toUpperCase()));
  if (query.status) conditions.push(eq(orders.status, query.status.toUpperCase()));
  if (query.kind) conditions.push(eq(orders.kind, query.kind.toUpperCase()));
  const rows = await db
    .select()
    .from(orders)
    .where(and(...conditions))
    .orderBy(desc(orders.submittedAt), desc(orders.clientOrderKey))
    .limit(pageSize(query.limit));
  return rows.map(orderDto);
}

/**
 * One order by client order id, any case, with everything that happened to it in time order; else
 * by exchange order id (how an order without client order id, the venue's own or another tool's,
 * is found).
 */
export async function findOrder(db: Executor, id: string): Promise<OrderWithLifecycleDto | undefined> {
  const [byClientId] = await db
    .select()
    .from(orders)
    .where(eq(orders.clientOrderKey, orderKey(id)));
  const row = byClientId ?? (await db.select().from(orders).where(eq(orders.orderId, id)).limit(1))[0];
  if (row === undefined) return undefined;
  const events = await db
    .select()
    .from(orderEvents)
    .where(eq(orderEvents.clientOrderKey, row.clientOrderKey))
    .orderBy(asc(orderEvents.occurredAt), asc(orderEvents.id));
  return { ...orderDto(row), lifecycle: events.map(eventDto) };
}

function orderDto(row: typeof orders.$inferSelect): OrderDto {
  return {
    client_order_id: row.clientOrderId,
    order_id: row.orderId,
    symbol: row.symbol,
    kind: row.kind,
    status: row.status,
    type: row.type,
    side: row.side,
    price: row.price,
    size: row.size,
    deal_size: row.dealSize,
    deal_avg_price: row.dealAvgPrice,
    submitted_at: isoTime(row.submittedAt),
    updated_at: isoTime(row.updatedAt),
  };
}

function eventDto(row: typeof orderEvents.$inferSelect): OrderLifecycleEventDto {
  return {
    status: row.status,
    source: row.source,
    deal_size: row.dealSize,
    deal_avg_price: row.dealAvgPrice,
    detail: isRecord(row.detail) ? row.detail : {},
    occurred_at: isoTime(row.occurredAt),
    trace_id: row.traceId,
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
