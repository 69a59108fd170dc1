import type { MonitorPositionRequest } from '../../contracts/api/monitorPosition.ts';
import type { PlaceOrderRequest } from '../../contracts/api/placeOrder.ts';
import type { ReplaceProtectionsRequest } from '../../contracts/api/replaceProtections.ts';
import type { UserChannel } from '../../exchange/port/index.ts';
import type { CanceledOrder, ClosedSymbol, ManualOutcome, ProtectionsOutcome } from '../execution/index.ts';
import type { SupportedTimeframe } from '../streams/supportedTimeframes.ts';
import type { WorkerStatus } from './statusView.ts';

/** What `POST /api/place-order` and `/api/monitor-position` get back: accepted, or refused with a status. */
export type RequestOutcome =
  | { readonly accepted: true; readonly id: string }
  | { readonly accepted: false; readonly status: 400 | 409; readonly error: string };

/** A refusal the control API turns into a 4xx `{"ok":false,"error":…}`; nothing changed. */
export type ControlRefusal = { readonly ok: false; readonly status: 400 | 409; readonly error: string };
export type ControlOutcome = { readonly ok: true } | ControlRefusal;

/**
 * The worker as the control API sees it: one service behind thin routes (docs/style.md#thin-routes). Every
 * method that changes something validates first and changes nothing when it refuses.
 */
export interface WorkerControl {
  status(): WorkerStatus;
  /** Refuses a symbol the venue does not list (checked against the cached contract list). */
  subscribeKlines(symbol: string, timeframes: readonly SupportedTimeframe[]): Promise<ControlOutcome>;
  unsubscribeKlines(symbol: string, timeframes: readonly SupportedTimeframe[]): Promise<ControlOutcome>;
  /** Refuses (409) when the worker has no BitMart credentials, hence no private connection. */
  subscribeUser(channel: UserChannel): ControlOutcome;
  unsubscribeUser(channel: UserChannel): ControlOutcome;
  placeOrder(request: PlaceOrderRequest): Promise<RequestOutcome>;
  monitorPosition(request: MonitorPositionRequest): Promise<RequestOutcome>;
  /** New stop and targets for a position the worker manages (its request id). */
  replaceProtections(positionId: string, request: ReplaceProtectionsRequest): Promise<ProtectionsOutcome>;
  /** Closes every position of `symbol` at market; `requestId` makes it idempotent. */
  closeSymbol(symbol: string, requestId: string): Promise<ManualOutcome<ClosedSymbol>>;
  /** Cancels one open order or waiting trigger of `symbol`. */
  cancelOrder(symbol: string, orderId: string): Promise<ManualOutcome<CanceledOrder>>;
  ordersStatus(): unknown;
  /** Starts the one shutdown path; called once the `/stop` answer has been sent. */
  requestStop(): void;
}
