import { eq, inArray } from 'drizzle-orm';
import type { IngestOutcome } from '../../TradingAppServices.ts';
import type { StoreTransaction } from '../executor.ts';
import { callbacksReceived, signalsReceived } from '../schema.ts';

/** A signal delivery to record: its trace id is its idempotency key. */
export interface SignalDelivery {
  readonly traceId: string;
  readonly kind: 'balance' | 'order';
  readonly payload: unknown;
  readonly receivedAt: Date;
}

/**
 * The first write of every ingest: the delivery itself, once. `ON CONFLICT DO NOTHING` makes a
 * concurrent second delivery of the same key wait for the first transaction and then insert
 * nothing, so the caller learns `duplicate` and writes nothing else.
 */
export async function recordSignal(tx: StoreTransaction, signal: SignalDelivery): Promise<IngestOutcome> {
  const [outcome] = await recordSignals(tx, [signal]);
  if (outcome === undefined) throw new Error(`delivery ${signal.traceId} was not recorded`);
  return outcome;
}

/**
 * `recordSignal` for a batch, in one `INSERT` of all its rows: each delivery's outcome, in order.
 * A trace id that appears twice in the batch is stored by its first delivery; the later ones are
 * duplicates of it, as they would be in transactions one after the other.
 */
export async function recordSignals(
  tx: StoreTransaction,
  signals: readonly SignalDelivery[],
): Promise<IngestOutcome[]> {
  const firsts = new Map<string, SignalDelivery>();
  for (const signal of signals) if (!firsts.has(signal.traceId)) firsts.set(signal.traceId, signal);
  const inserted = await tx
    .insert(signalsReceived)
    .values([...firsts.values()])
    .onConflictDoNothing({ target: signalsReceived.traceId })
    .returning({ id: signalsReceived.id, traceId: signalsReceived.traceId });
  const stored = new Map(inserted.map((row) => [row.traceId, String(row.id)]));
  const known = [...firsts.keys()].filter((traceId) => !stored.has(traceId));
  const existing =
    known.length === 0
      ? []
      : await tx
          .select({ id: signalsReceived.id, traceId: signalsReceived.traceId })
          .from(signalsReceived)
          .where(inArray(signalsReceived.traceId, known));
  const duplicates = new Map(existing.map((row) => [row.traceId, String(row.id)]));
  const seen = new Set<string>();
  return signals.map((signal) => {
    const id = stored.get(signal.traceId);
    const first = !seen.has(signal.traceId);
    seen.add(signal.traceId);
    if (id !== undefined) return first ? { status: 'stored', id } : { status: 'duplicate', id };
    return { status: 'duplicate', id: requireRow(duplicates.get(signal.traceId), signal.traceId) };
  });
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
