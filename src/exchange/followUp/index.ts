export { OrderFollowUpStoppedError, OrderFollowUpTimeoutError } from './errors.ts';
export type { FollowUntil } from './FollowUpWait.ts';
export { type AwaitOrderOptions, OrderFollowUp, type OrderFollowUpOptions } from './OrderFollowUp.ts';
