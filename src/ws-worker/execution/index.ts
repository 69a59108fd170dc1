export { CALLBACK_PATH } from './Callbacks.ts';
export {
  createExecution,
  type Execution,
  type ExecutionOptions,
  type ExecutionStatus,
  type PriceEvaluations,
  type RequestOutcome,
} from './Execution.ts';
export type { CanceledOrder, ClosedSymbol, ManualOutcome } from './ManualControl.ts';
export { ORDER_ROLE_KINDS, type OrderRole, type OrderRoleKind } from './orderRoles.ts';
export {
  DEFAULT_ORDERS_CONFIG,
  loadOrdersConfig,
  type OrdersConfig,
  OrdersConfigError,
  OrdersConfigSchema,
} from './ordersConfig.ts';
export type { ProtectionsOutcome } from './protectionReplacement.ts';
