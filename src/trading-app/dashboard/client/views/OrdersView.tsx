import type { Order, Schedule } from '../api/types.ts';
import { useControl } from '../controls/ControlContext.tsx';
import { since, time } from '../format.ts';
import { useJson, useLive } from '../hooks.ts';

/** An order the exchange may still fill: the statuses before a final one (trading-app/domain/orderState.ts). */
const OPEN_STATUSES = new Set(['SUBMITTED', 'PLACED', 'PARTIALLY_FILLED']);

/** Orders (open ones first, each with Cancel) and the app's schedules. */
export function OrdersView() {
  const live = useLive();
  const act = useControl();
  const orders = useJson<{ data: Order[] }>('/api/orders?limit=100', `${live.revisions.trade}:${live.revisions.audit}`);
  const schedules = useJson<{ data: Schedule[] }>('/api/schedules', live.revisions.run);
  const rows = orders.data?.data ?? [];
  const open = rows.filter((order) => OPEN_STATUSES.has(order.status.toUpperCase()));
  const done = rows.filter((order) => !OPEN_STATUSES.has(order.status.toUpperCase()));
  const cancel = (order: Order) =>
    void act({
      title: `Cancel order ${order.order_id ?? order.client_order_id}`,
      detail: `Cancel the ${order.side} ${order.type} order of ${order.size} ${order.symbol} @ ${order.price} on the exchange.`,
      confirmLabel: 'Cancel the order',
      path: `/api/controls/orders/${encodeURIComponent(order.order_id ?? order.client_order_id)}/cancel`,
    }).then(() => orders.reload());
  return (
    <>
      <section aria-labelledby="orders-title">
        <h2 id="orders-title">Orders</h2>
        {orders.error && <p class="negative">{orders.error}</p>}
        <div class="table-wrap">
          <table data-testid="orders">
            <thead>
              <tr>
                <th scope="col">Updated</th>
                <th scope="col">Symbol</th>
                <th scope="col">Kind</th>
                <th scope="col">Side</th>
                <th scope="col">Type</th>
                <th scope="col">Price</th>
                <th scope="col">Size</th>
                <th scope="col">Filled</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span class="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {[...open, ...done].map((order) => (
                <tr key={order.client_order_id || order.order_id} data-order={order.order_id ?? order.client_order_id}>
                  <td>{time(order.updated_at)}</td>
                  <td>{order.symbol}</td>
                  <td>{order.kind}</td>
                  <td>{order.side}</td>
                  <td>{order.type}</td>
                  <td class="number">{order.price}</td>
                  <td class="number">{order.size}</td>
                  <td class="number">{order.deal_size ?? '—'}</td>
                  <td>{order.status}</td>
                  <td>
                    {OPEN_STATUSES.has(order.status.toUpperCase()) && (
                      <button type="button" class="danger small" onClick={() => cancel(order)}>
                        Cancel<span class="visually-hidden"> order {order.order_id ?? order.client_order_id}</span>
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {rows.length === 0 && !orders.loading && <p class="muted">No order yet.</p>}
      </section>
      <section aria-labelledby="schedules-title">
        <h2 id="schedules-title">Schedules</h2>
        {schedules.error && <p class="negative">{schedules.error}</p>}
        <div class="table-wrap">
          <table data-testid="schedules">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Cron</th>
                <th scope="col">Last run</th>
                <th scope="col">Outcome</th>
                <th scope="col">Next run</th>
                <th scope="col">Runs / failures</th>
              </tr>
            </thead>
            <tbody>
              {(schedules.data?.data ?? []).map((schedule) => (
                <tr key={schedule.name}>
                  <th scope="row">{schedule.name}</th>
                  <td>
                    <code>{schedule.cron}</code>
                    {schedule.enabled ? '' : ' (disabled)'}
                  </td>
                  <td>{schedule.running ? 'running now' : since(schedule.last_run_at)}</td>
                  <td class={schedule.last_outcome === 'failed' ? 'negative' : ''} title={schedule.last_summary ?? ''}>
                    {schedule.last_outcome ?? '—'}
                  </td>
                  <td>{time(schedule.next_run_at)}</td>
                  <td class="number">
                    {schedule.runs} / {schedule.failures}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}
