import { OrderFollowUp } from '../../exchange/followUp/index.ts';
import { CALLBACK_PATH, Callbacks } from './Callbacks.ts';
import { type ExecutionContext, thresholdsOf } from './context.ts';
import { DeadManSwitch } from './DeadManSwitch.ts';
import type { ExecutionOptions } from './Execution.ts';
import { ExecutionStore } from './ExecutionStore.ts';

/** The context both monitors share, built once from the execution's options. */
export function createExecutionContext(options: ExecutionOptions): ExecutionContext {
  const { exchange, clock, logger, config, outbox } = options;
  const store = new ExecutionStore(options.storeStorage ?? options.storeDirectory);
  const defaultUrl =
    options.defaultCallbackUrl ?? `${config.orders.callback.base_url.replace(/\/$/, '')}${CALLBACK_PATH}`;
  const userStream = options.userStream;
  return {
    exchange,
    clock,
    logger,
    config,
    thresholds: thresholdsOf(config),
    store,
    callbacks: new Callbacks({ outbox, clock, logger, defaultUrl }),
    followUp: new OrderFollowUp({ exchange, clock, ...(userStream && { userStream }) }),
    deadMan: new DeadManSwitch({
      exchange,
      clock,
      logger,
      ...(options.deadManTimeoutSeconds !== undefined && { timeoutSeconds: options.deadManTimeoutSeconds }),
      ...(options.deadManRefreshMs !== undefined && { refreshMs: options.deadManRefreshMs }),
    }),
    quotes: new Map(),
    contracts: new Map(),
    readContract: (symbol) => options.contract(symbol),
    persist: () => {
      store.save().catch((error: unknown) => logger.error({ err: error }, 'could not write the execution store'));
    },
    // Ordering, not time: an immediate queued after undici's own (see ExecutionContext.afterSend).
    afterSend: (task) => {
      setImmediate(task);
    },
  };
}
