/** The system or undici error code, also when wrapped (a `cause`, or the AggregateError of a dual-stack connect). */
export function networkErrorCode(error: unknown): string {
  if (typeof error !== 'object' || error === null) return '';
  const direct = (error as { code?: unknown }).code;
  if (typeof direct === 'string' && direct !== '') return direct;
  const nested = (error as { errors?: unknown }).errors;
  if (Array.isArray(nested) && nested.length > 0) return networkErrorCode(nested[0]);
  return networkErrorCode((error as { cause?: unknown }).cause);
}

/** `CODE: message` for a log line or an error message; never includes request headers or bodies. */
export function describeNetworkError(error: unknown): string {
  const code = networkErrorCode(error);
  const message = error instanceof Error ? error.message : String(error);
  return code ? `${code}: ${message}` : message;
}
