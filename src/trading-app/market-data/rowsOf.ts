import { z } from 'zod';

/**
 * Rows of a raw `execute()`, parsed (docs/style.md#parse-at-boundaries: rows read back are a boundary). Both drivers
 * answer an object with `rows`; PGlite and node-postgres differ in everything else.
 */
const ResultSchema = z.looseObject({ rows: z.array(z.unknown()) });

export function rowsOf<T>(result: unknown, schema: z.ZodType<T>): T[] {
  return ResultSchema.parse(result).rows.map((row) => schema.parse(row));
}
