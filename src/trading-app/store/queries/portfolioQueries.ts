import { desc, eq } from 'drizzle-orm';
import type { AlertDto, PositionDto } from '../../TradingAppServices.ts';
import { type Executor, isoTime, isoTimeOrNull } from '../executor.ts';
import { alerts, positions } from '../schema.ts';
import { pageSize } from './orderQueries.ts';

/** Most recently changed first. */
export async function listPositions(db: Executor, query: { status?: 'open' | 'closed' }): Promise<PositionDto[]> {
  const rows = await db
    .select()
    .from(positions)
    .where(query.status ? eq(positions.status, query.status) : undefined)
    .orderBy(desc(positions.updatedAt), desc(positions.positionKey));
  return rows.map((row) => ({
    symbol: row.symbol,
    side: row.side,
    status: row.status,
    entry_order_id: row.positionId,
    entry_price: row.entryPrice,
    quantity: row.quantity,
    close_reason: row.closeReason,
    close_price: row.closePrice,
    close_order_id: row.closeOrderId,
    opened_at: isoTimeOrNull(row.openedAt),
    closed_at: isoTimeOrNull(row.closedAt),
    last_close_error: row.lastCloseError,
  }));
}

/** Newest first. */
export async function listAlerts(db: Executor, query: { limit: number }): Promise<AlertDto[]> {
  const rows = await db
    .select()
    .from(alerts)
    .orderBy(desc(alerts.createdAt), desc(alerts.id))
    .limit(pageSize(query.limit));
  return rows.map((row) => ({
    id: String(row.id),
    kind: row.kind,
    message: row.message,
    value: row.value,
    threshold: row.threshold,
    position_id: row.positionId,
    created_at: isoTime(row.createdAt),
  }));
}
