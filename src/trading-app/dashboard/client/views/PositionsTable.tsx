import type { Position } from '../api/types.ts';
import { useControl } from '../controls/ControlContext.tsx';
import { percent, price, signClass, usdt } from '../format.ts';
import type { LiveState } from '../live/LiveFeed.ts';

/** Open positions as the exchange holds them, with their protection, updated on every push. */
export function PositionsTable({ live }: { live: LiveState }) {
  const act = useControl();
  const close = (position: Position) =>
    act({
      title: `Close ${position.symbol}`,
      detail: `Close the ${position.side} position of ${position.size} ${position.symbol} at market on the exchange.`,
      confirmLabel: `Close ${position.symbol} at market`,
      path: `/api/controls/positions/${encodeURIComponent(position.symbol)}/close`,
    });
  return (
    <section aria-labelledby="positions-title">
      <h2 id="positions-title">Open positions</h2>
      {live.positions === null ? (
        <p class="muted">{live.positionsError ?? 'Loading…'}</p>
      ) : live.positions.length === 0 ? (
        <p class="muted" data-testid="no-positions">
          No open position.
        </p>
      ) : (
        <div class="table-wrap">
          <table class="positions" data-testid="positions">
            <thead>
              <tr>
                <th scope="col">Symbol</th>
                <th scope="col">Side</th>
                <th scope="col">Size</th>
                <th scope="col">Entry</th>
                <th scope="col">Mark</th>
                <th scope="col">PnL (USDT)</th>
                <th scope="col">PnL %</th>
                <th scope="col">Lev.</th>
                <th scope="col">Liq. price</th>
                <th scope="col">Liq. distance</th>
                <th scope="col">Stop</th>
                <th scope="col">Targets</th>
                <th scope="col">
                  <span class="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {live.positions.map((position) => (
                <tr
                  key={`${position.symbol}-${position.side}`}
                  data-symbol={position.symbol}
                  class={position.unprotected ? 'unprotected' : ''}
                >
                  <th scope="row">
                    <a href={`#/chart/${encodeURIComponent(position.symbol)}`}>{position.symbol}</a>
                  </th>
                  <td class={position.side}>{position.side}</td>
                  <td class="number">{position.size}</td>
                  <td class="number">{price(position.entry_price)}</td>
                  <td class="number" data-field="mark">
                    {price(position.mark_price)}
                  </td>
                  <td class={`number ${signClass(position.unrealized_pnl)}`} data-field="pnl">
                    {usdt(position.unrealized_pnl)}
                  </td>
                  <td class={`number ${signClass(position.unrealized_pnl_pct)}`}>
                    {percent(position.unrealized_pnl_pct)}
                  </td>
                  <td class="number">{position.leverage === null ? '—' : `${position.leverage}×`}</td>
                  <td class="number">{price(position.liquidation_price)}</td>
                  <td class="number">{percent(position.liquidation_distance_pct)}</td>
                  <td data-field="stop" class={position.protection.stop ? '' : 'negative'}>
                    {position.protection.stop
                      ? `${position.protection.stop.price} × ${position.protection.stop.size}`
                      : 'NO STOP'}
                  </td>
                  <td data-field="targets">
                    {position.protection.targets.length === 0
                      ? 'none'
                      : position.protection.targets.map((target) => `${target.price} × ${target.size}`).join(', ')}
                  </td>
                  <td>
                    <button type="button" class="danger small" onClick={() => void close(position)}>
                      Close<span class="visually-hidden"> {position.symbol}</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
