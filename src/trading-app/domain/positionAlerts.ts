import type { CloseReason } from '../../contracts/signals/orderCallback.ts';

/**
 * Alerts about a position, raised by the worker's `close_failed` callbacks (the seeds' "alert the
 * team for manual action", a TODO in the original): every failed close is worth a look, and a
 * position the worker gave up on with no stop left on the exchange needs a human now.
 */
export type PositionAlertKind = 'position_close_failed' | 'position_unprotected';

export interface PositionAlert {
  readonly kind: PositionAlertKind;
  readonly positionId: string;
  readonly message: string;
}

export function closeFailedAlert(callback: {
  readonly position_id: string;
  readonly reason: CloseReason;
  readonly error: string;
  readonly unprotected?: boolean | undefined;
}): PositionAlert {
  const { position_id: positionId, reason, error } = callback;
  if (callback.unprotected) {
    return {
      kind: 'position_unprotected',
      positionId,
      message: `position ${positionId} is unprotected: the worker gave up closing it (${reason}) and no stop protects it on the exchange; act now: ${error}`,
    };
  }
  return {
    kind: 'position_close_failed',
    positionId,
    message: `closing position ${positionId} (${reason}) failed: ${error}`,
  };
}
