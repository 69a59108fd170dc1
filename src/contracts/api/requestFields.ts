import { z } from 'zod';

/**
 * Fields shared by the worker's order routes (docs/reference/seed-contracts.md#place-order). Every value is
 * bounded here, at the boundary, so nothing behind it (decimals, the store's JSON, the callbacks'
 * trace ids) meets an input it cannot handle.
 */

const DECIMAL = /^\d+(\.\d+)?$/;
/** Longer than any price or size a venue lists; a 200,000-digit amount is not one. */
const MAX_DECIMAL_CHARS = 40;

/** A positive decimal sent as a number (the seed's examples) or a string, normalised to a string. */
export const DecimalFieldSchema = z
  .union([z.string(), z.number().finite()])
  .transform(String)
  .pipe(
    z
      .string()
      .max(MAX_DECIMAL_CHARS, `expected at most ${MAX_DECIMAL_CHARS} characters`)
      .regex(DECIMAL, 'expected a positive decimal number'),
  );

/** The field's value when it is a well-formed decimal string, else undefined (its own issue says why). */
export function wellFormedDecimal(value: unknown): string | undefined {
  return typeof value === 'string' && value.length <= MAX_DECIMAL_CHARS && DECIMAL.test(value) ? value : undefined;
}

/**
 * The caller's id of a request, kept in every callback and in `GET /api/orders/status`. The seeds
 * use ids such as `test-order-123` and `order-<uniqid>`; BitMart's client order ids allow letters
 * and digits only, so the worker maps an id to one (see the worker's `clientOrderIds.ts`).
 */
export const RequestIdSchema = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/,
    'expected 1-64 letters, digits, ".", "_", ":" or "-", starting with a letter or a digit',
  );

export const SymbolSchema = z.string().regex(/^[A-Z0-9]{2,30}$/, 'expected an upper-case symbol such as BTCUSDT');

export const CallbackUrlSchema = z.url({ protocol: /^https?$/ }).max(2_048);

/** Bounds of `metadata`: the worker stores it and echoes it in `GET /api/orders/status`. */
export const METADATA_LIMITS = { depth: 8, nodes: 500, bytes: 16_384 } as const;

/**
 * The caller's free-form notes. Depth and size are checked without recursion (a body nested
 * 9,000 deep must be refused, not overflow the stack), before anything serialises it.
 */
export const MetadataSchema = z.record(z.string(), z.unknown()).superRefine((metadata, context) => {
  const problem = metadataProblem(metadata);
  if (problem) context.addIssue({ code: 'custom', message: problem });
});

function metadataProblem(metadata: Record<string, unknown>): string | undefined {
  const pending: Array<{ value: unknown; depth: number }> = [{ value: metadata, depth: 1 }];
  let nodes = 0;
  for (let item = pending.pop(); item !== undefined; item = pending.pop()) {
    nodes += 1;
    if (nodes > METADATA_LIMITS.nodes) return `expected at most ${METADATA_LIMITS.nodes} values`;
    const { value, depth } = item;
    if (typeof value !== 'object' || value === null) continue;
    if (depth > METADATA_LIMITS.depth) return `expected at most ${METADATA_LIMITS.depth} levels of nesting`;
    for (const child of Object.values(value)) pending.push({ value: child, depth: depth + 1 });
  }
  const bytes = Buffer.byteLength(JSON.stringify(metadata), 'utf8');
  return bytes > METADATA_LIMITS.bytes ? `expected at most ${METADATA_LIMITS.bytes} bytes of JSON` : undefined;
}
