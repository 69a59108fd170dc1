export { createSignalOutbox, type SignalOutboxOptions } from './createSignalOutbox.ts';
export { isoUtc } from './isoUtc.ts';
export {
  classifyStatus,
  DEFAULT_BACKOFF_SECONDS,
  DEFAULT_MAX_RETRIES,
  DEFAULT_REQUEST_TIMEOUT_MS,
  delayBeforeAttemptMs,
  type StatusClass,
} from './outbox/deliveryPolicy.ts';
export type { FailureLogLine } from './outbox/FailureLog.ts';
export { InvalidSignalError } from './outbox/normaliseSignal.ts';
export { BalanceChangeFilter } from './payloads/BalanceChangeFilter.ts';
export { type BalanceSignalPayload, balanceSignalFrom } from './payloads/balanceSignalFrom.ts';
export {
  fallbackOrderRole,
  type OrderRole,
  type OrderRoleLookup,
  orderRoleOf,
} from './payloads/orderRole.ts';
export {
  type OrderSignalContext,
  type OrderSignalPayload,
  orderSignalFrom,
  orderTraceId,
} from './payloads/orderSignalFrom.ts';
export { kindFromClientOrderId, parentClientOrderId } from './payloads/orderSignalKind.ts';
export { stableTraceId } from './payloads/stableTraceId.ts';
export { type ReplayFailuresOptions, type ReplayResult, replayFailures } from './replayFailures.ts';
export type {
  DurableOutboxStatus,
  DurableSignalOutbox,
  OutboxStatus,
  OutgoingSignal,
  SignalKind,
  SignalOutbox,
} from './SignalOutbox.ts';
