import { readFile, rename } from 'node:fs/promises';
import { type Clock, SystemClock } from '../../platform/clock/index.ts';
import { FailureLogLineSchema, type ParsedFailureLogLine } from './outbox/FailureLog.ts';
import type { OutgoingSignal, SignalKind, SignalOutbox } from './SignalOutbox.ts';

export interface ReplayFailuresOptions {
  readonly logPath: string;
  readonly outbox: SignalOutbox;
  /**
   * Where to send lines that do not say (the PHP worker's lines carry no `url` or `kind`): the
   * order or balance endpoint that log belongs to. Without it such lines are skipped.
   */
  readonly legacyTarget?: { readonly kind: SignalKind; readonly url: string };
  /** Stamps the renamed log; the system clock unless a test injects one. */
  readonly clock?: Clock;
}

export interface ReplayResult {
  readonly replayed: number;
  /** Blank, unparseable or undeliverable lines (no trace id, or no target). */
  readonly skipped: number;
  /** The log's new name, undefined when there was no log. */
  readonly renamedTo: string | undefined;
}

/**
 * Re-enqueues every line of a failure log with its original `trace_id` (the app deduplicates what
 * it already has), then renames the log to `<log>.replayed-<UTC stamp>` so that a second run does
 * not replay it again. Enqueue is durable before the rename, so a crash in between replays twice
 * at worst, never loses a line. Lines keep their order, on one ordering key per original key.
 */
export async function replayFailures(options: ReplayFailuresOptions): Promise<ReplayResult> {
  let text: string;
  try {
    text = await readFile(options.logPath, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { replayed: 0, skipped: 0, renamedTo: undefined };
    throw error;
  }
  let replayed = 0;
  let skipped = 0;
  for (const line of text.split('\n')) {
    if (line.trim().length === 0) continue;
    const signal = signalFromLine(line, options.legacyTarget);
    if (!signal) {
      skipped += 1;
      continue;
    }
    await options.outbox.enqueue(signal);
    replayed += 1;
  }
  const stamp = new Date((options.clock ?? new SystemClock()).now()).toISOString().replace(/[-:]/g, '');
  const renamedTo = `${options.logPath}.replayed-${stamp}`;
  await rename(options.logPath, renamedTo);
  return { replayed, skipped, renamedTo };
}

function signalFromLine(line: string, legacyTarget: ReplayFailuresOptions['legacyTarget']): OutgoingSignal | undefined {
  let parsed: ParsedFailureLogLine;
  try {
    const result = FailureLogLineSchema.safeParse(JSON.parse(line));
    if (!result.success) return undefined;
    parsed = result.data;
  } catch {
    return undefined;
  }
  const traceId = parsed.trace_id ?? stringField(parsed.payload, 'trace_id');
  const kind = parsed.kind ?? legacyTarget?.kind;
  const url = parsed.url ?? legacyTarget?.url;
  if (!traceId || !kind || !url) return undefined;
  const { retry_count: _lastAttempt, ...payload } = parsed.payload;
  return { kind, url, traceId, payload, orderingKey: parsed.ordering_key ?? `replay:${kind}` };
}

function stringField(record: Readonly<Record<string, unknown>>, key: string): string | undefined {
  const value = record[key];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}
