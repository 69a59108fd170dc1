import { SIGNAL_TEXT_MAX } from '../../contracts/signals/common.ts';
import { type OrderCallback, OrderCallbackSchema } from '../../contracts/signals/orderCallback.ts';
import type { Clock } from '../../platform/clock/index.ts';
import type { Logger } from '../../platform/logging/logger.ts';
import type { SignalOutbox } from '../signals/SignalOutbox.ts';

/** Where the trading-app receives callbacks when neither the request nor the root says. */
export const CALLBACK_PATH = '/api/orders/callback';

type Draft = OrderCallback extends infer C
  ? C extends OrderCallback
    ? Omit<C, 'trace_id' | 'timestamp'>
    : never
  : never;

/** The request a callback is about: the caller's id goes in the payload, the base in the trace id. */
export interface CallbackTarget {
  readonly id: string;
  readonly clientOrderIdBase: string;
  readonly callbackUrl: string | undefined;
}

/**
 * The callbacks (docs/reference/seed-contracts.md#callbacks), through the durable outbox (kind `callback`, ordered per
 * request id). The trace id is derived, never random: `<client order id base>-<status>` (the base is letters and
 * digits, whatever the caller's id holds) plus a discriminator where a status can legitimately
 * repeat (a `placed` per entry order, a `close_failed` per failure), so a re-enqueue after a crash
 * carries the same id and the app deduplicates it.
 */
export class Callbacks {
  readonly #outbox: SignalOutbox;
  readonly #clock: Clock;
  readonly #logger: Logger;
  readonly #defaultUrl: string;

  constructor(options: { outbox: SignalOutbox; clock: Clock; logger: Logger; defaultUrl: string }) {
    this.#outbox = options.outbox;
    this.#clock = options.clock;
    this.#logger = options.logger;
    this.#defaultUrl = options.defaultUrl;
  }

  /** Resolves once the callback is durably queued; never rejects (a lost callback is logged loudly). */
  async send(target: CallbackTarget, draft: Draft, discriminator = ''): Promise<void> {
    const requestId = target.id;
    const url = target.callbackUrl;
    const traceId = `${target.clientOrderIdBase}-${draft.status}${discriminator ? `-${discriminator}` : ''}`;
    const payload = {
      ...clipTexts(draft),
      trace_id: traceId,
      timestamp: new Date(this.#clock.now()).toISOString(),
    };
    const parsed = OrderCallbackSchema.safeParse(payload);
    if (!parsed.success) {
      this.#logger.error(
        { requestId, payload, issues: parsed.error.issues },
        'callback payload does not match the contract',
      );
      return;
    }
    try {
      await this.#outbox.enqueue({
        kind: 'callback',
        url: url ?? this.#defaultUrl,
        payload,
        traceId,
        orderingKey: requestId,
      });
    } catch (error) {
      this.#logger.error({ err: error, requestId, status: draft.status }, 'could not queue a callback');
    }
  }
}

/** A venue's long error must shorten the callback, never drop it (the contract bounds texts). */
function clipTexts(draft: Draft): Draft {
  const clipped: Record<string, unknown> = { ...draft };
  for (const key of ['error', 'reason']) {
    const text = clipped[key];
    if (typeof text === 'string' && text.length > SIGNAL_TEXT_MAX)
      clipped[key] = `${text.slice(0, SIGNAL_TEXT_MAX - 1)}…`;
  }
  return clipped as Draft;
}
