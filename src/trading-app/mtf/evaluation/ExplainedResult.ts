/**
 * One node of an evaluation: what was checked, the number it looked at, the bound it compared with, and why.
 * Composites carry their children, so a failed decision can always be traced to the leaf that said no.
 */
export interface ExplainedResult {
  readonly name: string;
  readonly passed: boolean;
  readonly value: number | null;
  readonly threshold: number | null;
  readonly children: readonly ExplainedResult[];
  readonly meta: Readonly<Record<string, unknown>>;
}

export function leaf(
  name: string,
  passed: boolean,
  value: number | null,
  threshold: number | null,
  meta: Record<string, unknown>,
): ExplainedResult {
  return { name, passed, value, threshold, children: [], meta };
}

export function missingLeaf(name: string, meta: Record<string, unknown>): ExplainedResult {
  return leaf(name, false, null, null, { ...meta, missing_data: true });
}

/** Leaf results by name, depth first (the original's flattened `conditions` map). */
export function flattenResults(result: ExplainedResult, into: ExplainedResult[] = []): ExplainedResult[] {
  into.push(result);
  for (const child of result.children) flattenResults(child, into);
  return into;
}

/** Names of the failing leaves: the shortest honest answer to "why not". */
export function failedLeaves(result: ExplainedResult): string[] {
  if (result.passed) return [];
  if (result.children.length === 0) return [result.name];
  return result.children.flatMap(failedLeaves);
}
