import type { Dispatcher } from 'undici';
import type { z } from 'zod';
import {
  type CancelOrderAnswer,
  CancelOrderAnswerSchema,
  CancelOrderRequestSchema,
  type ClosePositionAnswer,
  ClosePositionAnswerSchema,
  ClosePositionRequestSchema,
} from '../../contracts/api/manualControls.ts';
import { type MonitorPositionRequest, MonitorPositionRequestSchema } from '../../contracts/api/monitorPosition.ts';
import { type PlaceOrderRequest, PlaceOrderRequestSchema } from '../../contracts/api/placeOrder.ts';
import {
  ReplaceProtectionsAnswerSchema,
  type ReplaceProtectionsRequest,
  ReplaceProtectionsRequestSchema,
} from '../../contracts/api/replaceProtections.ts';
import type { Clock } from '../../platform/clock/index.ts';
import {
  FatalExchangeError,
  InvalidRequestError,
  RetryableError,
  UnknownOutcomeError,
} from '../../platform/errors/exchangeErrors.ts';
import type { HttpAnswer } from '../../platform/http/index.ts';
import { WorkerOrigins } from './WorkerOrigins.ts';

/** The worker restarts in seconds (systemd, docker); retrying sooner only adds noise. */
const NETWORK_RETRY_AFTER_MS = 1_000;

/** What every answer of the worker's order routes carries. */
type WorkerAnswer = {
  readonly ok: boolean;
  readonly error?: string | undefined;
  readonly message?: string | undefined;
};

import {
  type ManualControlResult,
  MonitorPositionAnswerSchema,
  type MonitorPositionResult,
  OrdersStatusAnswerSchema,
  PlaceOrderAnswerSchema,
  type PlaceOrderResult,
  type ReplaceProtectionsResult,
  type WorkerOrdersStatus,
  type WorkerStatusAnswer,
  WorkerStatusAnswerSchema,
} from './workerResponses.ts';

export interface WsWorkerClientOptions {
  /**
   * `WS_WORKER_BASE_URL`, e.g. http://127.0.0.1:8089; with failover (decision 0037) every worker of
   * the account, the client talking to the active one.
   */
  readonly baseUrl: string | readonly string[];
  readonly clock: Clock;
  /**
   * Given to the worker for requests that name no `callback_url`
   * (docs/reference/seed-contracts.md#callbacks: `{APP_BASE_URL}/api/orders/callback`).
   */
  readonly callbackUrl?: string;
  /** The worker's `CTRL_TOKEN`, sent as a bearer token. */
  readonly controlToken?: string;
  /** Per request, from dispatch to the last byte. Default 5 s, the original's callback timeout. */
  readonly timeoutMs?: number;
  /** The transport; default a keep-alive pool to `baseUrl` (a backtest: the worker's `inject()`). */
  readonly dispatcher?: Dispatcher;
}

/**
 * The trading-app's client of the worker's control API (the original's `WsWorkerClient`,
 * seed-contracts.md#place-order). Outcomes are typed by what the caller must do (docs/style.md#error-kinds):
 * `InvalidRequestError` (fix the request; the worker refused its form or nothing was sent), `RetryableError`,
 * `UnknownOutcomeError` (a POST that may have been queued: check `ordersStatus()`),
 * `FatalExchangeError` (wrong token or URL).
 */
export class WsWorkerClient {
  readonly #http: WorkerOrigins;
  readonly #callbackUrl: string | undefined;
  readonly #headers: Record<string, string>;

  constructor(options: WsWorkerClientOptions) {
    this.#http = new WorkerOrigins(typeof options.baseUrl === 'string' ? [options.baseUrl] : options.baseUrl, {
      clock: options.clock,
      timeoutMs: options.timeoutMs ?? 5_000,
      connections: 4,
      label: 'ws-worker',
      retryAfterMs: NETWORK_RETRY_AFTER_MS,
      unknownOutcomeAdvice: 'the worker may have queued it; check ordersStatus() before resending',
      ...(options.dispatcher ? { dispatcher: options.dispatcher } : {}),
    });
    this.#callbackUrl = options.callbackUrl;
    this.#headers = {
      accept: 'application/json',
      ...(options.controlToken ? { authorization: `Bearer ${options.controlToken}` } : {}),
    };
  }

  /** `POST /api/place-order`: queue an entry zone; the worker places it when the price enters. */
  async placeOrder(request: PlaceOrderRequest): Promise<PlaceOrderResult> {
    const reply = await this.#post('place-order', PlaceOrderRequestSchema, request, PlaceOrderAnswerSchema);
    const orderId = reply.sent.id;
    if ('conflict' in reply) return { status: 'duplicate', orderId, message: reply.conflict ?? 'order already exists' };
    const { answer } = reply;
    return {
      status: 'queued',
      orderId: answer.order_id ?? orderId,
      message: answer.message ?? 'Order added to queue',
    };
  }

  /**
   * `POST /api/monitor-position`: SL/TP monitoring of a position already open on the exchange,
   * opened by `order_id`. 200 monitored, 409 conflict (taken id, closed or already watched).
   */
  async monitorPosition(request: MonitorPositionRequest): Promise<MonitorPositionResult> {
    const reply = await this.#post(
      'monitor-position',
      MonitorPositionRequestSchema,
      request,
      MonitorPositionAnswerSchema,
    );
    const positionId = reply.sent.id;
    if ('conflict' in reply) return { status: 'conflict', positionId, message: reply.conflict ?? 'conflict' };
    return { status: 'monitored', positionId, message: reply.answer.message ?? 'Position added for monitoring' };
  }

  /**
   * Checks `request` with our callback URL filled in (nothing is sent when it breaks the contract),
   * posts it to `/api/<route>` and reads the answer: a 409 is a conflict with the worker's reason,
   * another refusal throws its error kind, a 2xx without `ok` is an unknown outcome.
   */
  async #post<R extends { id: string; callback_url?: string | undefined }, A extends WorkerAnswer>(
    route: 'place-order' | 'monitor-position',
    schema: z.ZodType<R>,
    request: R,
    answerSchema: z.ZodType<A>,
  ): Promise<{ sent: R; answer: A } | { sent: R; conflict: string | undefined }> {
    const checked = schema.safeParse({ ...request, callback_url: request.callback_url ?? this.#callbackUrl });
    if (!checked.success) {
      const issue = checked.error.issues[0];
      throw new InvalidRequestError(`${route} not sent: ${issue?.path.join('.')}: ${issue?.message}`);
    }
    const sent = checked.data;
    // An entry's id becomes its client order id: an unknown outcome names it for the lookup.
    const clientOrderId = route === 'place-order' ? sent.id : undefined;
    const response = await this.#http.send({
      method: 'POST',
      pathAndQuery: `/api/${route}`,
      headers: { ...this.#headers, 'content-type': 'application/json' },
      body: JSON.stringify(withoutUndefined(sent)),
      ...(clientOrderId === undefined ? {} : { clientOrderId }),
    });
    const answer = answerSchema.safeParse(parseJson(response.bodyText));
    const workerError = answer.success ? answer.data.error : undefined;
    if (response.status === 409) return { sent, conflict: workerError };
    failUnlessOk(response, workerError, clientOrderId);
    if (!answer.success || !answer.data.ok) {
      throw new UnknownOutcomeError(
        `ws-worker answered ${route} ${response.status} with an unexpected body; check ordersStatus()`,
        clientOrderId,
      );
    }
    return { sent, answer: answer.data };
  }

  /**
   * `POST /api/positions/:id/protections`: new stop and targets for the position the worker opened
   * for request `positionId` (the decision key). The worker's refusals are answers
   * (`ReplaceProtectionsResult`); a plain 404 (a worker without the route) and the transport's
   * failures throw as for the other routes. Sending it again is harmless: a level already in place
   * is not placed twice.
   */
  async replaceProtections(positionId: string, request: ReplaceProtectionsRequest): Promise<ReplaceProtectionsResult> {
    const checked = ReplaceProtectionsRequestSchema.safeParse(request);
    if (!checked.success) {
      const issue = checked.error.issues[0];
      throw new InvalidRequestError(`protections not sent: ${issue?.path.join('.')}: ${issue?.message}`);
    }
    const response = await this.#http.send({
      method: 'POST',
      pathAndQuery: `/api/positions/${encodeURIComponent(positionId)}/protections`,
      headers: { ...this.#headers, 'content-type': 'application/json' },
      body: JSON.stringify(withoutUndefined(checked.data)),
    });
    const parsed = ReplaceProtectionsAnswerSchema.safeParse(parseJson(response.bodyText));
    const answer = parsed.success ? parsed.data : undefined;
    const refusals = { 404: 'not_managed', 409: 'conflict', 502: 'venue_refused' } as const;
    const refusal = refusals[response.status as keyof typeof refusals];
    if (answer && refusal && !answer.ok) return { status: refusal, error: answer.error, answer };
    failUnlessOk(response, answer?.error, undefined);
    if (!answer?.ok) {
      const what = `ws-worker answered protections ${response.status} with an unexpected body`;
      throw new UnknownOutcomeError(what, undefined);
    }
    return { status: 'replaced', error: undefined, answer };
  }

  /** `GET /status`: connections, topics' freshness and the signal outbox (the dashboard's health). */
  async status(): Promise<WorkerStatusAnswer> {
    const response = await this.#http.send({ method: 'GET', pathAndQuery: '/status', headers: this.#headers });
    failUnlessOk(response, undefined, undefined);
    const answer = WorkerStatusAnswerSchema.safeParse(parseJson(response.bodyText));
    if (!answer.success) {
      throw new RetryableError('ws-worker answered /status with an unexpected body', NETWORK_RETRY_AFTER_MS);
    }
    return answer.data;
  }

  /**
   * `POST /api/positions/:symbol/close`: every position of `symbol` closed at market by the worker.
   * `requestId` is the idempotency key: the same id sent again never sends a second close.
   */
  closePosition(symbol: string, requestId: string): Promise<ManualControlResult<ClosePositionAnswer>> {
    const body = ClosePositionRequestSchema.parse({ id: requestId });
    const path = `/api/positions/${encodeURIComponent(symbol)}/close`;
    return this.#manual(path, body, ClosePositionAnswerSchema);
  }

  /** `POST /api/orders/:orderId/cancel`: one open order or waiting trigger of `symbol`. */
  cancelOrder(symbol: string, orderId: string): Promise<ManualControlResult<CancelOrderAnswer>> {
    const body = CancelOrderRequestSchema.parse({ symbol });
    return this.#manual(`/api/orders/${encodeURIComponent(orderId)}/cancel`, body, CancelOrderAnswerSchema);
  }

  /** The manual routes' refusals are answers; a plain 404 (an older worker) and the transport's failures throw. */
  async #manual<A extends { ok: boolean; error?: string | undefined }>(
    pathAndQuery: string,
    body: object,
    answerSchema: z.ZodType<A>,
  ): Promise<ManualControlResult<A>> {
    const response = await this.#http.send({
      method: 'POST',
      pathAndQuery,
      headers: { ...this.#headers, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const parsed = answerSchema.safeParse(parseJson(response.bodyText));
    const answer = parsed.success ? parsed.data : undefined;
    const refusals = { 404: 'not_found', 409: 'conflict', 502: 'venue_failed' } as const;
    const refusal = refusals[response.status as keyof typeof refusals];
    if (answer && refusal && !answer.ok) return { status: refusal, error: answer.error ?? refusal };
    failUnlessOk(response, answer?.error, undefined);
    if (!answer?.ok)
      throw new UnknownOutcomeError(
        `ws-worker answered ${pathAndQuery} ${response.status} with an unexpected body`,
        undefined,
      );
    return { status: 'done', answer };
  }

  /** `GET /api/orders/status`: what the worker holds in its queue right now. */
  async ordersStatus(): Promise<WorkerOrdersStatus> {
    const response = await this.#http.send({
      method: 'GET',
      pathAndQuery: '/api/orders/status',
      headers: this.#headers,
    });
    failUnlessOk(response, undefined, undefined);
    const answer = OrdersStatusAnswerSchema.safeParse(parseJson(response.bodyText));
    if (!answer.success) {
      throw new RetryableError('ws-worker answered orders/status with an unexpected body', NETWORK_RETRY_AFTER_MS);
    }
    return {
      pendingOrders: answer.data.pending_orders,
      monitoredPositions: answer.data.monitored_positions,
      orders: answer.data.orders,
      positions: answer.data.positions,
    };
  }

  /** Closes the idle keep-alive connections and waits for requests in flight. */
  async close(): Promise<void> {
    await this.#http.close();
  }
}

function failUnlessOk(response: HttpAnswer, workerError: string | undefined, clientOrderId: string | undefined) {
  const { status } = response;
  if (status >= 200 && status < 300) return;
  const said = workerError ? `: ${workerError}` : '';
  if (status === 400 || status === 422)
    throw new InvalidRequestError(`ws-worker refused the request (${status})${said}`);
  if (status === 401 || status === 403) {
    throw new FatalExchangeError(`ws-worker refused our credentials (${status}): check WS_WORKER_CTRL_TOKEN`);
  }
  if (status === 404) {
    throw new FatalExchangeError(
      'ws-worker has no such endpoint (404): check WS_WORKER_BASE_URL and the worker version',
    );
  }
  if (status === 429 || status >= 500) {
    throw new RetryableError(`ws-worker answered ${status}${said}`, retryAfterMs(response.headers['retry-after']));
  }
  throw new UnknownOutcomeError(`ws-worker answered an unexpected ${status}${said}`, clientOrderId);
}

function retryAfterMs(header: string | string[] | undefined): number {
  const seconds = Number(Array.isArray(header) ? header[0] : header);
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : NETWORK_RETRY_AFTER_MS;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** JSON.stringify drops undefined anyway; this keeps the object we log equal to what we send. */
function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as Partial<T>;
}
