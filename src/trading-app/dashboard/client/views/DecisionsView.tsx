import type { AuditRow, RunSummary } from '../api/types.ts';
import { time } from '../format.ts';
import { useJson, useLive } from '../hooks.ts';
import { DecisionTree } from './DecisionTree.tsx';

/**
 * The row that holds a symbol's verdict in a run: `MTF_DECISION` for an evaluated symbol, the
 * stopping step (switch, exposure, lock) for one stopped before; both carry `details.status`.
 */
function isVerdict(row: AuditRow): boolean {
  return typeof row.details.status === 'string';
}

/** Runs as their audits tell them (one verdict row per symbol), newest first. */
function runsFromAudits(rows: readonly AuditRow[]): RunSummary[] {
  const runs = new Map<string, { at: string; counts: Record<string, number>; rejections: Map<string, number> }>();
  for (const row of rows) {
    if (!row.run_id || !isVerdict(row)) continue;
    const run = runs.get(row.run_id) ?? { at: row.created_at, counts: {}, rejections: new Map<string, number>() };
    const status = typeof row.details.status === 'string' ? row.details.status : 'UNKNOWN';
    run.counts[status] = (run.counts[status] ?? 0) + 1;
    if (status !== 'READY' && row.cause) run.rejections.set(row.cause, (run.rejections.get(row.cause) ?? 0) + 1);
    if (row.created_at > run.at) run.at = row.created_at;
    runs.set(row.run_id, run);
  }
  return [...runs.entries()]
    .map(([run_id, run]) => ({
      run_id,
      at: run.at,
      duration_ms: null,
      counts: run.counts,
      top_rejections: [...run.rejections.entries()]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 3)
        .map(([reason, count]) => ({ reason, count })),
    }))
    .sort((a, b) => b.at.localeCompare(a.at));
}

/** Each MTF run and, for one symbol, why it was or was not traded. */
export function DecisionsView({ symbol, runId }: { symbol: string | undefined; runId: string | undefined }) {
  const live = useLive();
  const audits = useJson<{ data: AuditRow[] }>('/api/mtf/audit?limit=500', live.revisions.run);
  const fromAudits = runsFromAudits(audits.data?.data ?? []);
  const pushed = new Map(live.runs.map((run) => [run.run_id, run]));
  const runs = [...live.runs, ...fromAudits.filter((run) => !pushed.has(run.run_id))].slice(0, 30);
  return (
    <section aria-labelledby="decisions-title">
      <h2 id="decisions-title">Decisions</h2>
      {symbol ? <SymbolDecision symbol={symbol} runId={runId} revision={live.revisions.run} /> : null}
      <h3>Runs</h3>
      {audits.error && <p class="negative">{audits.error}</p>}
      <div class="table-wrap">
        <table data-testid="runs">
          <thead>
            <tr>
              <th scope="col">Time</th>
              <th scope="col">Duration</th>
              <th scope="col">Counts</th>
              <th scope="col">Top rejections</th>
              <th scope="col">Symbols</th>
            </tr>
          </thead>
          <tbody>
            {runs.map((run) => (
              <tr key={run.run_id}>
                <td>{time(run.at)}</td>
                <td class="number">
                  {run.duration_ms === null ? '—' : `${run.duration_ms} ms`}
                  {run.dry_run ? <span class="muted"> (dry)</span> : null}
                </td>
                <td>
                  {Object.entries(run.counts)
                    .map(([status, count]) => `${status} ${count}`)
                    .join(', ')}
                </td>
                <td>
                  {run.top_rejections.map((rejection) => `${rejection.reason} (${rejection.count})`).join(', ') || '—'}
                </td>
                <td>
                  <RunSymbols rows={audits.data?.data ?? []} runId={run.run_id} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {runs.length === 0 && !audits.loading && <p class="muted">No run recorded yet.</p>}
    </section>
  );
}

function RunSymbols({ rows, runId }: { rows: readonly AuditRow[]; runId: string }) {
  const symbols = rows.filter((row) => row.run_id === runId && isVerdict(row));
  return (
    <span class="symbol-links">
      {symbols.map((row) => (
        <a
          key={row.symbol}
          href={`#/decisions/${encodeURIComponent(row.symbol)}/${encodeURIComponent(runId)}`}
          class={row.details.status === 'READY' ? 'positive' : ''}
        >
          {row.symbol}
        </a>
      ))}
    </span>
  );
}

/**
 * The symbol's decision in one run (its last by default): the tree of conditions with their values
 * and thresholds, then the run's audit trail.
 */
function SymbolDecision({ symbol, runId, revision }: { symbol: string; runId: string | undefined; revision: number }) {
  const query = new URLSearchParams({ symbol, limit: '100' });
  if (runId) query.set('run_id', runId);
  const audits = useJson<{ data: AuditRow[] }>(`/api/mtf/audit?${query}`, revision);
  const rows = audits.data?.data ?? [];
  const run = runId ?? rows[0]?.run_id ?? null;
  const trail = rows.filter((row) => row.run_id === run).reverse();
  return (
    <article class="decision" aria-labelledby="decision-title" data-testid="symbol-decision">
      <h3 id="decision-title">
        {symbol} <span class="muted">{run ? `run ${run}` : ''}</span>
      </h3>
      {audits.error && <p class="negative">{audits.error}</p>}
      {(runId !== undefined || audits.data !== undefined) && (
        <DecisionTree symbol={symbol} runId={run} revision={revision} />
      )}
      <h4>Audit trail</h4>
      {trail.length === 0 && !audits.loading && <p class="muted">No decision recorded for {symbol}.</p>}
      <ul class="tree">
        {trail.map((row) => (
          <li key={row.id} class={row.severity === 0 ? 'positive' : row.severity >= 2 ? 'negative' : ''}>
            <strong>{row.step}</strong> {row.cause ? `— ${row.cause}` : ''}
            <Conditions details={row.details} />
          </li>
        ))}
      </ul>
    </article>
  );
}

function Conditions({ details }: { details: Readonly<Record<string, unknown>> }) {
  const names = (field: string): string[] =>
    Array.isArray(details[field]) ? (details[field] as unknown[]).map(String) : [];
  const sides = [
    { side: 'long', passed: names('conditions_long'), failed: names('failed_conditions_long') },
    { side: 'short', passed: names('conditions_short'), failed: names('failed_conditions_short') },
  ].filter((entry) => entry.passed.length + entry.failed.length > 0);
  if (sides.length === 0) return null;
  return (
    <ul>
      {sides.map((entry) => (
        <li key={entry.side}>
          {entry.side}:
          <ul class="conditions">
            {entry.passed.map((name) => (
              <li key={`p-${name}`} class="positive">
                <span aria-hidden="true">✓</span> <span class="visually-hidden">passed:</span> {name}
              </li>
            ))}
            {entry.failed.map((name) => (
              <li key={`f-${name}`} class="negative">
                <span aria-hidden="true">✗</span> <span class="visually-hidden">failed:</span> {name}
              </li>
            ))}
          </ul>
        </li>
      ))}
    </ul>
  );
}
