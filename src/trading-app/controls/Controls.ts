import type { FuturesExchange } from '../../exchange/port/FuturesExchange.ts';
import type { Clock } from '../../platform/clock/index.ts';
import type { Logger } from '../../platform/logging/logger.ts';
import type { MtfSwitchRepository } from '../mtf-runner/switches/MtfSwitchRepository.ts';
import { ENTRIES_SWITCH, GLOBAL_SWITCH, isEffectivelyOff } from '../mtf-runner/switches/switchKeys.ts';
import type { WsWorkerClient } from '../ws-worker-client/WsWorkerClient.ts';
import type {
  AuditRecordView,
  ControlAnswer,
  ControlAuditRepository,
  ControlCaller,
  ControlOutcome,
} from './ControlAuditRepository.ts';

/** What a control came to, with the record that tells it (`GET /api/audit`). */
export interface ControlResult extends ControlAnswer {
  readonly audit_id: number;
}

export interface ControlRequest {
  readonly caller: ControlCaller;
  /** The caller's idempotency key: the same key again answers what the first request did. */
  readonly requestId: string | undefined;
  /** The body as received, for the record. */
  readonly body: unknown;
}

export interface ControlsOptions {
  readonly audit: ControlAuditRepository;
  readonly switches: MtfSwitchRepository;
  /** The worker, which owns execution: closes and cancels go through it. */
  readonly worker: () => WsWorkerClient | undefined;
  /** The venue, read for what to flatten and which symbol an order is of. */
  readonly exchange: FuturesExchange | undefined;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Each finished record (the `audit` event). */
  readonly onRecord?: (record: AuditRecordView) => void;
  /** After a control that may have changed the positions or orders, or the switches. */
  readonly onPositionsChanged?: () => void;
  readonly onSwitchesChanged?: () => void;
}

type Done = { readonly outcome: Exclude<ControlOutcome, 'pending'> } & ControlAnswer;

const ok = (data: unknown): Done => ({ outcome: 'ok', http_status: 200, code: null, message: null, data });
const refused = (status: number, code: string, message: string, data: unknown = null): Done => ({
  outcome: 'refused',
  http_status: status,
  code,
  message,
  data,
});
const failed = (status: number, code: string, message: string, data: unknown = null): Done => ({
  outcome: 'failed',
  http_status: status,
  code,
  message,
  data,
});

/**
 * The dashboard's controls (issue 13, docs/decisions/0024-dashboard-api.md). Each is written to
 * the audit record before it acts and finished with its outcome after. Pause and resume are the
 * `ENTRIES` switch (every new entry, scheduled or requested, is refused while it is off; the
 * worker keeps managing what is open), the kill switch the `GLOBAL` one (the runner decides
 * nothing); both are rows in the database, so a restart keeps them. Closes and cancels are the
 * worker's to carry out.
 */
export class Controls {
  readonly #options: ControlsOptions;

  constructor(options: ControlsOptions) {
    this.#options = options;
  }

  pauseEntries(request: ControlRequest): Promise<ControlResult> {
    return this.#run(request, 'entries.pause', ENTRIES_SWITCH, () => this.#setSwitch(ENTRIES_SWITCH, false, request));
  }

  resumeEntries(request: ControlRequest): Promise<ControlResult> {
    return this.#run(request, 'entries.resume', ENTRIES_SWITCH, () => this.#setSwitch(ENTRIES_SWITCH, true, request));
  }

  /** `on`: the kill switch engaged, i.e. the `GLOBAL` switch off. */
  killSwitch(request: ControlRequest, on: boolean): Promise<ControlResult> {
    return this.#run(request, on ? 'kill_switch.on' : 'kill_switch.off', GLOBAL_SWITCH, () =>
      this.#setSwitch(GLOBAL_SWITCH, !on, request),
    );
  }

  closePosition(request: ControlRequest, symbol: string): Promise<ControlResult> {
    return this.#run(request, 'position.close', symbol, async (auditId) => {
      const worker = this.#worker();
      if (!worker) return workerMissing();
      const done = await this.#close(worker, symbol, request.requestId ?? `ctl${auditId}`);
      this.#options.onPositionsChanged?.();
      return done;
    });
  }

  /** Every position the exchange holds, closed at market, one symbol at a time. */
  flatten(request: ControlRequest): Promise<ControlResult> {
    return this.#run(request, 'flatten', null, async (auditId) => {
      const worker = this.#worker();
      const exchange = this.#options.exchange;
      if (!worker || !exchange) return workerMissing();
      const symbols = [...new Set((await exchange.positions()).map((position) => position.symbol))];
      const base = request.requestId ?? `ctl${auditId}`;
      const results = [];
      for (const symbol of symbols)
        results.push({ symbol, ...(await this.#close(worker, symbol, `${base}.${symbol}`)) });
      this.#options.onPositionsChanged?.();
      const data = results.map(({ symbol, outcome, code, data: answer }) => ({ symbol, outcome, code, answer }));
      const incomplete = results.filter((result) => result.outcome === 'failed');
      if (incomplete.length > 0) {
        const which = incomplete.map((result) => result.symbol).join(', ');
        return failed(502, 'flatten_incomplete', `not closed: ${which}`, data);
      }
      return ok(data);
    });
  }

  cancelOrder(request: ControlRequest, orderId: string): Promise<ControlResult> {
    return this.#run(request, 'order.cancel', orderId, async () => {
      const worker = this.#worker();
      const exchange = this.#options.exchange;
      if (!worker || !exchange) return workerMissing();
      const [orders, plans] = await Promise.all([exchange.openOrders(), exchange.planOrders()]);
      const symbol = [...orders, ...plans].find((order) => order.orderId === orderId)?.symbol;
      if (!symbol) return refused(404, 'order_not_found', `no open order ${orderId} on the exchange`);
      const result = await worker.cancelOrder(symbol, orderId);
      this.#options.onPositionsChanged?.();
      switch (result.status) {
        case 'done':
          return ok(result.answer);
        case 'not_found':
          return refused(404, 'order_not_found', result.error);
        case 'conflict':
          return refused(409, 'order_protects_managed_position', result.error);
        case 'venue_failed':
          return failed(502, 'exchange_refused', result.error);
      }
    });
  }

  /**
   * A switch changed through `/api/mtf/switches` (its own route acted already): recorded as the
   * controls are, and told to those who watch.
   */
  async recordSwitch(
    request: ControlRequest,
    action: string,
    target: string | null,
    answer: { readonly status: number; readonly code?: string; readonly message?: string; readonly data: unknown },
  ): Promise<number> {
    const start = { caller: request.caller, action, target, request: request.body, requestId: undefined };
    const outcome = answer.status < 300 ? 'ok' : 'refused';
    const record = await this.#options.audit.record(start, outcome, {
      http_status: answer.status,
      code: answer.code ?? null,
      message: answer.message ?? null,
      data: answer.data,
    });
    if (outcome === 'ok') this.#options.onSwitchesChanged?.();
    this.#options.onRecord?.(record);
    return record.id;
  }

  async #close(worker: WsWorkerClient, symbol: string, id: string): Promise<Done> {
    let result: Awaited<ReturnType<WsWorkerClient['closePosition']>>;
    try {
      result = await worker.closePosition(symbol, id);
    } catch (error) {
      // The worker may have sent it: the same id asks it again without a second close.
      return failed(502, 'worker_unavailable', error instanceof Error ? error.message : 'unknown error');
    }
    switch (result.status) {
      case 'done': {
        const closes = result.answer.closes ?? [];
        const data = { symbol, closes };
        if (closes.length > 0 && closes.every((close) => close.state === 'refused')) {
          return failed(502, 'exchange_refused', closes.map((close) => close.error).join('; '), data);
        }
        return ok(data);
      }
      case 'not_found':
        return refused(404, 'position_not_found', result.error);
      case 'conflict':
        return refused(409, 'conflict', result.error);
      case 'venue_failed':
        return failed(502, 'exchange_refused', result.error);
    }
  }

  async #setSwitch(key: string, isOn: boolean, request: ControlRequest): Promise<Done> {
    const { switches, clock } = this.#options;
    const wasOff = (await switches.states()).some((state) => state.key === key && isEffectivelyOff(state, clock.now()));
    const view = await switches.set({
      key,
      isOn,
      expiresAt: null,
      description: `${isOn ? 'on' : 'off'}: ${request.caller.actor} through the dashboard`,
    });
    this.#options.onSwitchesChanged?.();
    return ok({ switch: view, changed: wasOff === isOn });
  }

  #worker(): WsWorkerClient | undefined {
    return this.#options.worker();
  }

  /**
   * The record first (or the earlier answer to the same request id), then the control, then its
   * outcome. A failure of the worker's or the venue's is the control's outcome, never a 500.
   */
  async #run(
    request: ControlRequest,
    action: string,
    target: string | null,
    act: (auditId: number) => Promise<Done>,
  ): Promise<ControlResult> {
    const { audit, logger } = this.#options;
    const start = { caller: request.caller, action, target, request: request.body, requestId: request.requestId };
    const begun = await audit.begin(start);
    if (begun.status === 'seen') return replay(begun.record, action, target);
    const { id } = begun.record;
    let done: Done;
    try {
      done = await act(id);
    } catch (error) {
      logger.warn({ err: error, action, target, auditId: id }, 'control failed');
      done = failed(502, 'worker_unavailable', error instanceof Error ? error.message : 'unknown error');
    }
    const { outcome, ...answer } = done;
    const record = await audit.finish(id, outcome, answer);
    logger.info({ action, target, actor: request.caller.actor, outcome, auditId: id }, 'control');
    this.#options.onRecord?.(record);
    return { ...answer, audit_id: id };
  }
}

function workerMissing(): Done {
  return failed(503, 'worker_unavailable', 'this trading-app has no worker or venue to act through');
}

/** The answer recorded for an earlier request with the same id; another control under it is a conflict. */
function replay(record: AuditRecordView, action: string, target: string | null): ControlResult {
  const conflict = (code: string, message: string): ControlResult => ({
    http_status: 409,
    code,
    message,
    data: null,
    audit_id: record.id,
  });
  if (record.action !== action || record.target !== target) {
    return conflict('request_id_in_use', `request_id ${record.request_id} was used for ${record.action}`);
  }
  if (record.outcome === 'pending' || !record.detail) {
    return conflict('control_in_progress', `request_id ${record.request_id} is still being carried out`);
  }
  return { ...record.detail, audit_id: record.id };
}
