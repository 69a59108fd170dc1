import { useState } from 'preact/hooks';
import type { Trade } from '../api/types.ts';
import { duration, price, signClass, time, usdt } from '../format.ts';
import { useJson, useLive } from '../hooks.ts';

const STATUSES = ['', 'open', 'closed', 'submitted', 'planned', 'skipped', 'refused', 'cancelled', 'failed'] as const;

/** Every trade record, newest first: open and closed, with its PnL, R, exit reason, duration and fees. */
export function TradesView() {
  const live = useLive();
  const [status, setStatus] = useState('');
  const [symbol, setSymbol] = useState('');
  const query = new URLSearchParams({ limit: '200' });
  if (status) query.set('status', status);
  if (/^[A-Z0-9]{2,30}$/.test(symbol)) query.set('symbol', symbol);
  const trades = useJson<{ data: Trade[] }>(`/api/trades?${query}`, live.revisions.trade);
  return (
    <section aria-labelledby="trades-title">
      <h2 id="trades-title">Trades</h2>
      <form class="inline" onSubmit={(event) => event.preventDefault()}>
        <label for="trade-status">Status</label>
        <select id="trade-status" value={status} onChange={(event) => setStatus(event.currentTarget.value)}>
          {STATUSES.map((option) => (
            <option key={option} value={option}>
              {option || 'any'}
            </option>
          ))}
        </select>
        <label for="trade-symbol">Symbol</label>
        <input
          id="trade-symbol"
          value={symbol}
          placeholder="any"
          autocomplete="off"
          onInput={(event) => setSymbol(event.currentTarget.value.trim().toUpperCase())}
        />
      </form>
      {trades.error && <p class="negative">{trades.error}</p>}
      <div class="table-wrap">
        <table data-testid="trades">
          <thead>
            <tr>
              <th scope="col">Created</th>
              <th scope="col">Symbol</th>
              <th scope="col">Side</th>
              <th scope="col">Status</th>
              <th scope="col">Entry</th>
              <th scope="col">Exit</th>
              <th scope="col">Net PnL</th>
              <th scope="col">R</th>
              <th scope="col">Exit reason</th>
              <th scope="col">Duration</th>
              <th scope="col">Fees</th>
            </tr>
          </thead>
          <tbody>
            {(trades.data?.data ?? []).map((trade) => (
              <tr key={trade.decision_key} data-trade={trade.decision_key}>
                <td>
                  <a href={`#/trades/${encodeURIComponent(trade.decision_key)}`}>{time(trade.created_at)}</a>
                </td>
                <td>{trade.symbol}</td>
                <td class={trade.side}>{trade.side}</td>
                <td>
                  {trade.status}
                  {trade.reason ? <span class="muted"> ({trade.reason})</span> : null}
                </td>
                <td class="number">{price(trade.entry_price)}</td>
                <td class="number">{price(trade.exit_price)}</td>
                <td class={`number ${signClass(trade.realized_pnl_net)}`}>{usdt(trade.realized_pnl_net)}</td>
                <td class={`number ${signClass(trade.r_multiple)}`}>{trade.r_multiple ?? '—'}</td>
                <td>{trade.exit_reason ?? '—'}</td>
                <td>{trade.opened_at ? duration(trade.opened_at, trade.closed_at) : '—'}</td>
                <td class="number">{usdt(trade.fees)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {trades.data?.data.length === 0 && <p class="muted">No trade yet.</p>}
    </section>
  );
}
