import { z } from 'zod';

/** A decimal number carried as a string, as every money field on the worker ⇄ app wire. */
export const DecimalStringSchema = z.string().regex(/^-?\d+(\.\d+)?$/, 'expected a decimal number as a string');

/** ISO-8601 with an offset, as the PHP worker writes it (`2025-11-01T12:00:00+00:00`). */
export const IsoTimestampSchema = z.iso.datetime({ offset: true });

/** Stable across retries: the app deduplicates on it (the worker delivers at least once). */
export const TraceIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'expected 8-64 letters, digits, - or _');

export const PAYLOAD_VERSION = '1.0';

export const SignalEnvelopeFieldsSchema = z.object({
  trace_id: TraceIdSchema,
  retry_count: z.number().int().nonnegative(),
  payload_version: z.string().min(1),
});
