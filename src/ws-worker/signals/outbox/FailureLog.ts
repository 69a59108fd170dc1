import { mkdir, open } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { isoUtc } from '../isoUtc.ts';
import type { SignalKind } from '../SignalOutbox.ts';
import type { StoredSignal } from './SignalStore.ts';

/**
 * One line of a failure log (JSONL). The first four fields are the PHP worker's
 * (docs/reference/seed-contracts.md#signal-delivery); `url`, `kind`, `trace_id` and `ordering_key` are ours, so that
 * `ws:replay-failures` can resend a line exactly where it was going, in its original order.
 */
export interface FailureLogLine {
  /** ISO-8601 UTC, `+00:00` like the PHP worker's ATOM format. */
  readonly timestamp: string;
  /** The last HTTP status, 0 when the last attempt got no response (refused, reset, timeout). */
  readonly status_code: number;
  /** The response body, the transport error, or `max_retries_reached`. */
  readonly response: string;
  /** The payload of the last attempt, with its `retry_count` (the PHP worker logged 0). */
  readonly payload: Readonly<Record<string, unknown>>;
  readonly url: string;
  readonly kind: SignalKind;
  readonly trace_id: string;
  readonly ordering_key: string;
}

/** The line for a signal that leaves the outbox undelivered after its attempt number `stored.attempts`. */
export function failureLogLine(
  stored: StoredSignal,
  statusCode: number,
  response: string,
  nowMs: number,
): FailureLogLine {
  return {
    timestamp: isoUtc(nowMs),
    status_code: statusCode,
    response,
    payload: { ...stored.payload, retry_count: stored.attempts },
    url: stored.url,
    kind: stored.kind,
    trace_id: stored.traceId,
    ordering_key: stored.orderingKey,
  };
}

/** Read back leniently: lines written by the PHP worker have no `url`, `kind` or `ordering_key`. */
export const FailureLogLineSchema = z.looseObject({
  timestamp: z.string().optional(),
  status_code: z.number().optional(),
  response: z.string().optional(),
  payload: z.record(z.string(), z.unknown()),
  url: z.url().optional(),
  kind: z.enum(['order', 'balance', 'callback']).optional(),
  trace_id: z.string().min(1).optional(),
  ordering_key: z.string().min(1).optional(),
});
export type ParsedFailureLogLine = z.infer<typeof FailureLogLineSchema>;

/**
 * Appends lines to the failure logs, one at a time per file so that lines never interleave, each
 * fsynced before the signal leaves the outbox (a failure must not vanish in a crash either).
 */
export class FailureLog {
  readonly #tails = new Map<string, Promise<void>>();

  append(path: string, line: FailureLogLine): Promise<void> {
    const previous = this.#tails.get(path) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(() => appendLine(path, `${JSON.stringify(line)}\n`));
    this.#tails.set(path, next);
    const cleanUp = (): void => {
      if (this.#tails.get(path) === next) this.#tails.delete(path);
    };
    next.then(cleanUp, cleanUp);
    return next;
  }
}

async function appendLine(path: string, text: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o775 });
  const handle = await open(path, 'a', 0o640);
  try {
    await handle.write(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
}
