import type { OutgoingSignal } from '../SignalOutbox.ts';

/** Raised by `enqueue` for a signal that could never be delivered; nothing was stored. */
export class InvalidSignalError extends Error {
  override readonly name = 'InvalidSignalError';
}

/**
 * Checks a signal before it is stored and returns the payload to store: a JSON round trip (so a
 * stored payload reads back equal to what is sent), `trace_id` set from `traceId`, and no
 * `retry_count` (each attempt sets its own).
 */
export function normalisePayload(signal: OutgoingSignal): Record<string, unknown> {
  checkUrl(signal.url);
  if (signal.orderingKey.length === 0) throw new InvalidSignalError('a signal needs a non-empty orderingKey');
  if (signal.traceId.length === 0) throw new InvalidSignalError('a signal needs a non-empty traceId');
  const declared = signal.payload['trace_id'];
  if (declared !== undefined && declared !== signal.traceId) {
    throw new InvalidSignalError(`payload trace_id "${String(declared)}" differs from traceId "${signal.traceId}"`);
  }
  let copy: unknown;
  try {
    copy = JSON.parse(JSON.stringify(signal.payload));
  } catch (error) {
    throw new InvalidSignalError(`payload is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (typeof copy !== 'object' || copy === null || Array.isArray(copy)) {
    throw new InvalidSignalError('payload must be a JSON object');
  }
  const { retry_count: _ignored, ...payload } = copy as Record<string, unknown>;
  return declared === undefined ? { ...payload, trace_id: signal.traceId } : payload;
}

function checkUrl(url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new InvalidSignalError(`"${url}" is not an absolute URL`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new InvalidSignalError(`"${url}" is not an http(s) URL`);
  }
}
