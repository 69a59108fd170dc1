import type { z } from 'zod';

/**
 * An answer other than 2xx, thrown by routes and written by the one error handler as
 * `{"status":"error","code":…,"message"?:…}` (the original trading-app's error shape,
 * docs/reference/seed-contracts.md#signal-answers). A 4xx says what was wrong; a 5xx carries a code
 * only, never internals.
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly statusCode: number,
    readonly code: string,
    /** For the caller: which field or parameter, and what is wrong with it. Dropped on 5xx. */
    readonly detail?: string,
    /** The original's own `{"error": …}` text, for routes whose clients read it (the seeds' trade entry). */
    readonly seedError?: string,
  ) {
    super(detail ? `${code}: ${detail}` : code);
  }

  toBody(): { status: 'error'; code: string; message?: string; error?: string } {
    const seed = this.seedError === undefined ? {} : { error: this.seedError };
    if (this.statusCode >= 500 || this.detail === undefined) return { status: 'error', code: this.code, ...seed };
    return { status: 'error', code: this.code, message: this.detail, ...seed };
  }
}

/** `field.path: what is wrong`, for the first issues of a zod error (enough to fix the input). */
export function describeZodError(error: z.ZodError, root = 'body'): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : root}: ${issue.message}`)
    .join('; ');
}
