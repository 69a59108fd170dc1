import type { LiveState } from '../live/LiveFeed.ts';

/** The one thing that must never scroll away: a position on the exchange with no stop. */
export function AlertBanner({ live }: { live: LiveState }) {
  const unprotected = (live.positions ?? []).filter((position) => position.unprotected);
  if (unprotected.length === 0) return null;
  return (
    <div class="alert" role="alert" data-testid="unprotected-alert">
      <strong>
        {unprotected.length === 1 ? '1 position has' : `${unprotected.length} positions have`} no stop on the exchange:
      </strong>{' '}
      {unprotected.map((position) => `${position.symbol} ${position.side} ${position.size}`).join(', ')}
    </div>
  );
}

const CONNECTION_TEXT = {
  connecting: 'Connecting…',
  live: 'Live',
  polling: 'Live (polling)',
  reconnecting: 'Reconnecting to the trading-app…',
} as const;

/** Whether what the page shows is current. */
export function ConnectionStatus({ live }: { live: LiveState }) {
  return (
    <span class={`connection ${live.connection}`} role="status" data-testid="connection">
      {CONNECTION_TEXT[live.connection]}
    </span>
  );
}
