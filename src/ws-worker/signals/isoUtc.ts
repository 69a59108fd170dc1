/**
 * `2025-11-01T12:00:00+00:00`: the PHP worker's ATOM format (seconds, `+00:00` rather than `Z`),
 * kept so either worker can feed either app.
 */
export function isoUtc(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/\.\d{3}Z$/, '+00:00');
}
