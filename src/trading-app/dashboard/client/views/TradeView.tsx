import type { TradeDetail } from '../api/types.ts';
import { price, signClass, time, usdt } from '../format.ts';
import { useJson, useLive } from '../hooks.ts';

interface Step {
  readonly at: string;
  readonly what: string;
  readonly detail: string;
}

/** decision → plan → orders → fills → protections → exit, in time order. */
function timeline(trade: TradeDetail): Step[] {
  const steps: Step[] = [
    { at: trade.created_at, what: 'Decision', detail: `${trade.side} on ${trade.execution_tf}, ${trade.status}` },
  ];
  if (trade.plan) {
    const targets = trade.plan.targets.map((target) => target.price).join(', ');
    steps.push({
      at: trade.submitted_at ?? trade.created_at,
      what: 'Plan',
      detail: `zone ${trade.plan.zone.low}–${trade.plan.zone.high}, stop ${trade.plan.stop}, targets ${targets}, risk ${trade.plan.risk_usdt} USDT`,
    });
  }
  for (const order of trade.orders) {
    const protection = ['stop_loss', 'trailing', 'tp1', 'tp2', 'take_profit'].includes(order.role);
    steps.push({
      at: order.created_at,
      what: protection ? `Protection (${order.role})` : `Order (${order.role})`,
      detail: `${order.side} ${order.type} ${order.size ?? ''} @ ${order.price ?? 'market'}: ${order.status}`,
    });
    for (const fill of order.fills) {
      steps.push({
        at: fill.filled_at,
        what: 'Fill',
        detail: `${fill.side} ${fill.size} @ ${fill.price}, fee ${fill.fee}`,
      });
    }
  }
  for (const payment of trade.funding_payments) {
    steps.push({ at: payment.paid_at, what: 'Funding', detail: `${payment.amount} USDT` });
  }
  if (trade.closed_at) {
    steps.push({
      at: trade.closed_at,
      what: 'Exit',
      detail: `${trade.exit_reason ?? 'closed'} @ ${price(trade.exit_price)}, net ${usdt(trade.realized_pnl_net)} USDT`,
    });
  }
  return steps.sort((a, b) => new Date(a.at).getTime() - new Date(b.at).getTime());
}

/** One trade's page: its figures and its timeline, with links to its decision and its chart. */
export function TradeView({ id }: { id: string }) {
  const live = useLive();
  const detail = useJson<{ data: TradeDetail }>(`/api/trades/${encodeURIComponent(id)}`, live.revisions.trade);
  const trade = detail.data?.data;
  if (detail.error) return <p class="negative">{detail.error}</p>;
  if (!trade) return <p class="muted">Loading…</p>;
  const decisionLink = `#/decisions/${encodeURIComponent(trade.symbol)}${trade.run_id ? `/${encodeURIComponent(trade.run_id)}` : ''}`;
  return (
    <section aria-labelledby="trade-title">
      <h2 id="trade-title">
        Trade {trade.symbol} {trade.side} <span class="muted">{trade.decision_key}</span>
      </h2>
      <p>
        <a href="#/trades">All trades</a> · <a href={decisionLink}>The decision</a> ·{' '}
        <a href={`#/chart/${encodeURIComponent(trade.symbol)}/${encodeURIComponent(trade.decision_key)}`}>Chart</a>
      </p>
      <dl class="figures">
        <div>
          <dt>Status</dt>
          <dd>{trade.status}</dd>
        </div>
        <div>
          <dt>Net PnL</dt>
          <dd class={signClass(trade.realized_pnl_net)}>{usdt(trade.realized_pnl_net)} USDT</dd>
        </div>
        <div>
          <dt>R</dt>
          <dd>{trade.r_multiple ?? '—'}</dd>
        </div>
        <div>
          <dt>Fees</dt>
          <dd>{usdt(trade.fees)} USDT</dd>
        </div>
      </dl>
      <h3>Timeline</h3>
      <ol class="timeline" data-testid="trade-timeline">
        {timeline(trade).map((step, index) => (
          <li key={`${step.at}-${index}`}>
            <time dateTime={step.at}>{time(step.at)}</time> <strong>{step.what}</strong> {step.detail}
          </li>
        ))}
      </ol>
    </section>
  );
}
