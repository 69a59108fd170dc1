import type { Health } from '../api/types.ts';
import { age, since } from '../format.ts';
import type { LiveState } from '../live/LiveFeed.ts';

type Level = 'ok' | 'warn' | 'bad';

interface Item {
  readonly label: string;
  readonly value: string;
  readonly level: Level;
}

/** A channel silent for longer than this is worth a look. */
const SILENT_MS = 90_000;

function items(health: Health): Item[] {
  const { exchange, websocket, runner, worker, rate_limits: rate } = health;
  const oldest = Math.max(0, ...websocket.channels.map((channel) => channel.last_message_age_ms ?? 0));
  const drift = health.reconciliation.drift.length;
  const offset = exchange.clock_offset_ms;
  const missed = runner.missed_minutes ?? 0;
  return [
    {
      label: 'Exchange',
      value: exchange.reachable
        ? `${exchange.latency_ms ?? '?'} ms, clock ${offset === null ? '?' : `${offset > 0 ? '+' : ''}${offset} ms`}`
        : 'unreachable',
      level: !exchange.reachable ? 'bad' : Math.abs(offset ?? 0) > 1_000 ? 'warn' : 'ok',
    },
    {
      label: 'WebSocket',
      value: `${websocket.state}, oldest message ${age(oldest)}`,
      level:
        websocket.state === 'connected'
          ? oldest > SILENT_MS
            ? 'warn'
            : 'ok'
          : websocket.state === 'degraded'
            ? 'warn'
            : 'bad',
    },
    {
      label: 'Runner',
      value: !runner.enabled
        ? 'schedule off'
        : `last run ${since(runner.last_run_at)}${runner.last_outcome ? ` (${runner.last_outcome})` : ''}${missed > 0 ? `, ${missed} min missed` : ''}`,
      level: !runner.enabled || missed > 0 || runner.last_outcome === 'failed' ? 'warn' : 'ok',
    },
    {
      label: 'Rate limits',
      value: rate.lowest_headroom === null ? '—' : `${Math.round(rate.lowest_headroom * 100)} % headroom`,
      level: (rate.lowest_headroom ?? 1) < 0.2 ? 'warn' : 'ok',
    },
    {
      label: 'Worker',
      value: worker.reachable
        ? `outbox ${worker.outbox_depth ?? '?'}, failures ${worker.delivery_failures ?? '?'}`
        : 'unreachable',
      level: !worker.reachable ? 'bad' : (worker.outbox_depth ?? 0) > 0 ? 'warn' : 'ok',
    },
    { label: 'Balance alerts', value: String(health.balance_alerts), level: health.balance_alerts > 0 ? 'warn' : 'ok' },
    {
      label: 'Drift',
      value:
        drift === 0
          ? 'none'
          : health.reconciliation.drift
              .map((row) => `${row.symbol} ${row.side} ${row.kind.replaceAll('_', ' ')}`)
              .join(', '),
      level: drift > 0 ? 'warn' : 'ok',
    },
    {
      label: 'Entries',
      value: health.entries_paused ? 'paused' : 'active',
      level: health.entries_paused ? 'warn' : 'ok',
    },
    { label: 'Kill switch', value: health.kill_switch ? 'ON' : 'off', level: health.kill_switch ? 'bad' : 'ok' },
  ];
}

/** The platform's vital signs on one line (wrapping on a phone); the worst colour shows first. */
export function HealthBanner({ live }: { live: LiveState }) {
  if (!live.health) {
    return (
      <section class="health" aria-label="Health" data-testid="health">
        <span class="health-item warn">{live.healthError ? `Health: ${live.healthError}` : 'Health: waiting…'}</span>
      </section>
    );
  }
  return (
    <section class="health" aria-label="Health" data-testid="health">
      {items(live.health).map((item) => (
        <span class={`health-item ${item.level}`} key={item.label} data-health={item.label}>
          <span class="label">{item.label}</span> {item.value}
        </span>
      ))}
    </section>
  );
}
