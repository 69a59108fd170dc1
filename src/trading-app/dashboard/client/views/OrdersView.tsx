import type { ExchangeOrder, Order, Schedule, ScheduleQueue } from '../api/types.ts';
import { useControl } from '../controls/ControlContext.tsx';
import { price, since, time } from '../format.ts';
import { useJson, useLive, useTicker } from '../hooks.ts';

/** The exchange's open orders are not pushed: read again this often while the view is open. */
const REFRESH_MS = 5_000;

/** The exchange's open orders and triggers (each with Cancel), our order history, and the schedules. */
export function OrdersView() {
  const live = useLive();
  const act = useControl();
  const tick = useTicker(REFRESH_MS);
  const revision = `${tick}:${live.revisions.trade}:${live.revisions.audit}`;
  const open = useJson<{ data: ExchangeOrder[] }>('/api/dashboard/orders', revision);
  const history = useJson<{ data: Order[] }>('/api/orders?limit=100', revision);
  const schedules = useJson<{ data: Schedule[]; queue: ScheduleQueue | null }>(
    '/api/schedules',
    `${tick}:${live.revisions.run}`,
  );
  const cancel = (order: ExchangeOrder) =>
    void act({
      title: `Cancel order ${order.order_id}`,
      detail: `Cancel the ${order.symbol} ${order.kind.replace('_', ' ')} (${order.side}, size ${order.size ?? 'whole position'}, ${
        order.trigger_price ? `trigger ${order.trigger_price}` : `price ${order.price ?? 'market'}`
      }) on the exchange.`,
      confirmLabel: 'Cancel the order',
      path: `/api/controls/orders/${encodeURIComponent(order.order_id)}/cancel`,
    }).then(() => open.reload());
  return (
    <>
      <section aria-labelledby="open-orders-title">
        <h2 id="open-orders-title">Open orders on the exchange</h2>
        {open.error && <p class="negative">{open.error}</p>}
        <div class="table-wrap">
          <table data-testid="open-orders">
            <thead>
              <tr>
                <th scope="col">Created</th>
                <th scope="col">Symbol</th>
                <th scope="col">Kind</th>
                <th scope="col">Side</th>
                <th scope="col">Type</th>
                <th scope="col">Price</th>
                <th scope="col">Trigger</th>
                <th scope="col">Size</th>
                <th scope="col">Filled</th>
                <th scope="col">
                  <span class="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {(open.data?.data ?? []).map((order) => (
                <tr key={order.order_id} data-order={order.order_id}>
                  <td>{time(order.created_at)}</td>
                  <td>{order.symbol}</td>
                  <td>{order.kind.replace('_', ' ')}</td>
                  <td>{order.side}</td>
                  <td>{order.type ?? '—'}</td>
                  <td class="number">{price(order.price)}</td>
                  <td class="number">{price(order.trigger_price)}</td>
                  <td class="number">{order.size ?? 'position'}</td>
                  <td class="number">{order.filled_size ?? '—'}</td>
                  <td>
                    <button type="button" class="danger small" onClick={() => cancel(order)}>
                      Cancel<span class="visually-hidden"> order {order.order_id}</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {open.data?.data.length === 0 && <p class="muted">No open order.</p>}
      </section>
      <section aria-labelledby="orders-title">
        <h2 id="orders-title">Order history</h2>
        {history.error && <p class="negative">{history.error}</p>}
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
              </tr>
            </thead>
            <tbody>
              {(history.data?.data ?? []).map((order) => (
                <tr key={order.client_order_id || order.order_id}>
                  <td>{time(order.updated_at)}</td>
                  <td>{order.symbol}</td>
                  <td>{order.kind}</td>
                  <td>{order.side}</td>
                  <td>{order.type}</td>
                  <td class="number">{order.price}</td>
                  <td class="number">{order.size}</td>
                  <td class="number">{order.deal_size ?? '—'}</td>
                  <td>{order.status}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {history.data?.data.length === 0 && <p class="muted">No order yet.</p>}
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
        {schedules.data?.queue ? <QueueStatus queue={schedules.data.queue} /> : null}
      </section>
    </>
  );
}

/** The BullMQ queue the schedules run on, shared by every app instance (decision 0030). */
function QueueStatus({ queue }: { queue: ScheduleQueue }) {
  const counts = [
    ['waiting', queue.waiting],
    ['active', queue.active],
    ['delayed', queue.delayed],
    ['failed', queue.failed],
    ['stalled', queue.stalled],
    ['completed', queue.completed],
  ] as const;
  return (
    <article aria-labelledby="queue-title" data-testid="schedule-queue">
      <h3 id="queue-title">
        Queue <code>{queue.queue}</code> on {queue.backend} <span class="muted">({queue.prefix})</span>
      </h3>
      <dl class="figures">
        {counts.map(([name, count]) => (
          <div key={name} class={(name === 'failed' || name === 'stalled') && count > 0 ? 'negative' : ''}>
            <dt>{name}</dt>
            <dd class="number">{count}</dd>
          </div>
        ))}
      </dl>
      <p>Last heartbeat: {since(queue.last_heartbeat_at)}</p>
      <div class="table-wrap">
        <table data-testid="queue-workers">
          <thead>
            <tr>
              <th scope="col">Worker</th>
              <th scope="col">Connected</th>
              <th scope="col">Last heartbeat</th>
            </tr>
          </thead>
          <tbody>
            {queue.workers.map((worker) => (
              <tr key={worker.name}>
                <th scope="row">{worker.name}</th>
                <td class={worker.connected ? 'positive' : 'negative'}>{worker.connected ? 'yes' : 'no'}</td>
                <td>{since(worker.last_heartbeat_at)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {queue.workers.length === 0 && <p class="negative">No worker seen on the queue.</p>}
    </article>
  );
}
