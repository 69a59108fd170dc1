import { eq } from 'drizzle-orm';
import type { IngestOutcome } from '../../TradingAppServices.ts';
import type { StoreTransaction } from '../executor.ts';
import { callbacksReceived, signalsReceived } from '../schema.ts';

/**
 * The first write of every ingest: the delivery itself, once. `ON CONFLICT DO NOTHING` makes a
 * concurrent second delivery of the same key wait for the first transaction and then insert
 * nothing, so the caller learns `duplicate` and writes nothing else.
 */
export async function recordSignal(
  tx: StoreTransaction,
  signal: { traceId: string; kind: 'balance' | 'order'; payload: unknown; receivedAt: Date },
): Promise<IngestOutcome> {
  const inserted = await tx
    .insert(signalsReceived)
    .values(signal)
    .onConflictDoNothing({ target: signalsReceived.traceId })
    .returning({ id: signalsReceived.id });
  const row = inserted[0];
  if (row) return { status: 'stored', id: String(row.id) };
  const existing = await tx
    .select({ id: signalsReceived.id })
    .from(signalsReceived)
    .where(eq(signalsReceived.traceId, signal.traceId));
  return { status: 'duplicate', id: String(requireRow(existing[0], signal.traceId).id) };
}

export async function recordCallback(
  tx: StoreTransaction,
  callback: {
    dedupeKey: string;
    traceId: string | null;
    status: string;
    subjectId: string;
    payload: unknown;
    receivedAt: Date;
  },
): Promise<IngestOutcome> {
  const inserted = await tx
    .insert(callbacksReceived)
    .values(callback)
    .onConflictDoNothing({ target: callbacksReceived.dedupeKey })
    .returning({ id: callbacksReceived.id });
  const row = inserted[0];
  if (row) return { status: 'stored', id: String(row.id) };
  const existing = await tx
    .select({ id: callbacksReceived.id })
    .from(callbacksReceived)
    .where(eq(callbacksReceived.dedupeKey, callback.dedupeKey));
  return { status: 'duplicate', id: String(requireRow(existing[0], callback.dedupeKey).id) };
}

function requireRow<T>(row: T | undefined, key: string): T {
  // Only reachable if the conflicting row vanished between the two statements (deleted by hand).
  if (row === undefined) throw new Error(`delivery ${key} conflicted but could not be read back`);
  return row;
}
