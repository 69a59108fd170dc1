/**
 * What a value reads back as after a trip through a `jsonb` column: JSON's values only (undefined
 * dropped, non-finite numbers null), and each object's keys in jsonb's order, shorter first, then
 * by their UTF-8 bytes. Numbers come back as the same doubles: jsonb keeps JSON's shortest decimal
 * exactly, which parses to the double it was printed from.
 */
export function jsonbCopy<T>(value: T): T {
  return reorder(JSON.parse(JSON.stringify(value))) as T;
}

function reorder(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reorder);
  if (value === null || typeof value !== 'object') return value;
  const keys = Object.keys(value).sort(jsonbKeyOrder);
  const copy: Record<string, unknown> = {};
  for (const key of keys) copy[key] = reorder((value as Record<string, unknown>)[key]);
  return copy;
}

function jsonbKeyOrder(a: string, b: string): number {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length - right.length || Buffer.compare(left, right);
}
