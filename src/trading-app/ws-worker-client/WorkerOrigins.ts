import { RetryableError } from '../../platform/errors/exchangeErrors.ts';
import { type HttpAnswer, KeepAliveOrigin, type OriginRequest } from '../../platform/http/index.ts';

type OriginOptions = ConstructorParameters<typeof KeepAliveOrigin>[1];

/**
 * The ws-workers of one account (decision 0037): one is active, the others stand by and answer
 * 503 to everything but `/status`, `/help` and `/stop`. Requests go to the worker that last
 * answered as the active one; a standby's 503, or a worker that could not be reached (nothing was
 * sent), moves to the next in the list, each tried once per request. A request that was sent and
 * then failed is never sent elsewhere: the active worker may have taken it (an unknown outcome).
 * With one URL this is exactly that URL's origin.
 */
export class WorkerOrigins {
  readonly #origins: readonly KeepAliveOrigin[];
  #current = 0;

  constructor(baseUrls: readonly string[], options: OriginOptions) {
    if (baseUrls.length === 0) throw new RangeError('at least one ws-worker URL is needed');
    this.#origins = baseUrls.map((url) => new KeepAliveOrigin(url, options));
  }

  async send(request: OriginRequest): Promise<HttpAnswer> {
    let last: HttpAnswer | undefined;
    let failure: unknown;
    for (let tried = 0; tried < this.#origins.length; tried++) {
      const index = (this.#current + tried) % this.#origins.length;
      const origin = this.#origins[index] as KeepAliveOrigin;
      try {
        const answer = await origin.send(request);
        if (!isStandby(request, answer)) {
          this.#current = index;
          return answer;
        }
        last = answer;
      } catch (error) {
        // Only "could not connect" (or a GET that failed) is retryable: a POST that was sent is an unknown outcome.
        if (!(error instanceof RetryableError) || this.#origins.length === 1) throw error;
        failure = error;
      }
    }
    if (last) return last;
    throw failure;
  }

  async close(): Promise<void> {
    await Promise.all(this.#origins.map((origin) => origin.close()));
  }
}

/** A standby refuses with 503; its `/status` answers, saying `"role":"standby"` (or `"lost"`, stopping). */
function isStandby(request: OriginRequest, answer: HttpAnswer): boolean {
  if (answer.status === 503) return true;
  if (request.pathAndQuery !== '/status' || answer.status !== 200) return false;
  try {
    const role = (JSON.parse(answer.bodyText) as { role?: unknown }).role;
    return role === 'standby' || role === 'lost';
  } catch {
    return false;
  }
}
