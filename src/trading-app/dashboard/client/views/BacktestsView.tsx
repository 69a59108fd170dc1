import { useEffect, useState } from 'preact/hooks';
import { postJson } from '../api/http.ts';
import type { Backtest } from '../api/types.ts';
import { signClass, time, usdt } from '../format.ts';
import { useJson, useTicker } from '../hooks.ts';

/** Progress is not pushed: read the list again this often while a backtest runs. */
const REFRESH_MS = 1_000;

/** The form's fields, as typed: the API checks them and names the one that is wrong. */
interface Draft {
  profile: string;
  symbols: string;
  from: string;
  to: string;
  balance: string;
  fees: string;
  slippage: string;
}

const FIELDS: readonly { key: keyof Draft; label: string; placeholder: string }[] = [
  { key: 'profile', label: 'Profile', placeholder: 'scalper_micro' },
  { key: 'symbols', label: 'Symbols', placeholder: 'BTCUSDT,ETHUSDT' },
  { key: 'from', label: 'From (UTC)', placeholder: '2026-01-05T10:00' },
  { key: 'to', label: 'To (UTC)', placeholder: '2026-01-05T12:00' },
  { key: 'balance', label: 'Balance (USDT)', placeholder: '10000' },
  { key: 'fees', label: 'Fees maker,taker', placeholder: "the contracts' (0.0002,0.0006)" },
  { key: 'slippage', label: 'Slippage (bps)', placeholder: '0' },
];

function body(draft: Draft): Record<string, unknown> {
  return {
    profile: draft.profile.trim() || 'scalper_micro',
    symbols: draft.symbols
      .split(',')
      .map((symbol) => symbol.trim().toUpperCase())
      .filter((symbol) => symbol !== ''),
    from: draft.from.trim(),
    to: draft.to.trim(),
    ...(draft.balance.trim() ? { balance: draft.balance.trim() } : {}),
    ...(draft.fees.trim() ? { fees: draft.fees.trim() } : {}),
    ...(draft.slippage.trim() ? { slippage: draft.slippage.trim() } : {}),
  };
}

/** Backtests on the app's stored klines: a form to start one, and every run with its progress and report. */
export function BacktestsView() {
  const tick = useTicker(REFRESH_MS);
  const [started, setStarted] = useState(0);
  const [draft, setDraft] = useState<Draft>({
    profile: 'scalper_micro',
    symbols: 'BTCUSDT',
    from: '',
    to: '',
    balance: '10000',
    fees: '',
    slippage: '0',
  });
  const [message, setMessage] = useState<{ text: string; error: boolean } | undefined>(undefined);
  const [sending, setSending] = useState(false);
  const [busy, setBusy] = useState(true);
  // While one is queued or running the list is read every second; else only after a start.
  const backtests = useJson<{ data: Backtest[] }>('/api/backtests', busy ? `${tick}:${started}` : started);
  const rows = backtests.data?.data ?? [];
  const running = rows.some((row) => row.state === 'queued' || row.state === 'running');
  const loaded = backtests.data !== undefined;
  useEffect(() => {
    if (loaded) setBusy(running);
  }, [loaded, running]);
  const submit = async (event: Event) => {
    event.preventDefault();
    setSending(true);
    try {
      const answer = await postJson<{ data: { id: number } }>('/api/backtests', body(draft));
      setMessage({ text: `Backtest ${answer.data.id} started.`, error: false });
      setBusy(true);
      setStarted((count) => count + 1);
    } catch (error) {
      setMessage({ text: error instanceof Error ? error.message : String(error), error: true });
    } finally {
      setSending(false);
    }
  };
  return (
    <>
      <section aria-labelledby="backtest-form-title">
        <h2 id="backtest-form-title">Start a backtest</h2>
        <p class="muted">
          Replays the app's stored 1m candles through the platform as it trades live. One runs at a time.
        </p>
        <form class="backtest-form" onSubmit={submit}>
          {FIELDS.map((field) => (
            <div key={field.key}>
              <label for={`backtest-${field.key}`}>{field.label}</label>
              <input
                id={`backtest-${field.key}`}
                name={field.key}
                value={draft[field.key]}
                placeholder={field.placeholder}
                autocomplete="off"
                onInput={(event) => setDraft({ ...draft, [field.key]: event.currentTarget.value })}
              />
            </div>
          ))}
          <button type="submit" disabled={sending}>
            Start backtest
          </button>
        </form>
        {message && (
          <p
            role={message.error ? 'alert' : 'status'}
            data-testid="backtest-message"
            class={message.error ? 'negative' : 'positive'}
          >
            {message.text}
          </p>
        )}
      </section>
      <section aria-labelledby="backtests-title">
        <h2 id="backtests-title">Backtests</h2>
        {backtests.error && <p class="negative">{backtests.error}</p>}
        <div class="table-wrap">
          <table data-testid="backtests">
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">Started</th>
                <th scope="col">Profile</th>
                <th scope="col">Symbols</th>
                <th scope="col">Range (UTC)</th>
                <th scope="col">Fees / slippage</th>
                <th scope="col">State</th>
                <th scope="col">Net profit</th>
                <th scope="col">Trades</th>
                <th scope="col">Report</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <BacktestRow key={row.id} row={row} />
              ))}
            </tbody>
          </table>
        </div>
        {backtests.data && rows.length === 0 && <p class="muted">No backtest yet.</p>}
      </section>
    </>
  );
}

function BacktestRow({ row }: { row: Backtest }) {
  const { params } = row;
  const percent = Math.floor(row.progress * 100);
  return (
    <tr data-backtest={row.id} data-state={row.state}>
      <td class="number">{row.id}</td>
      <td>{time(row.created_at)}</td>
      <td>{params.profile}</td>
      <td>{params.symbols.join(', ')}</td>
      <td>
        {time(params.from)} → {time(params.to)}
      </td>
      <td>
        {params.fees ?? "contracts'"} / {params.slippage_bps} bps
      </td>
      <td>
        {row.state === 'running' || row.state === 'queued' ? (
          <>
            {row.state}{' '}
            <progress max={100} value={percent} aria-label={`backtest ${row.id} progress`}>
              {percent} %
            </progress>{' '}
            {percent} %
          </>
        ) : (
          row.state
        )}
        {row.error && <span class="negative"> ({row.error})</span>}
      </td>
      <td class={`number ${signClass(row.summary?.net_profit)}`}>{usdt(row.summary?.net_profit)}</td>
      <td class="number">{row.summary?.trades_closed ?? '—'}</td>
      <td>
        {row.state === 'done' ? (
          <a href={`/api/backtests/${row.id}/report.html`} target="_blank" rel="noopener">
            Report #{row.id}
          </a>
        ) : (
          '—'
        )}
      </td>
    </tr>
  );
}
