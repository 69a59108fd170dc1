import type { ConditionNode, Diagnosis, TimeframeDiagnosis } from '../api/types.ts';
import { time } from '../format.ts';
import { useJson } from '../hooks.ts';

/**
 * A symbol's tree of conditions from `GET /api/mtf/diagnose` (what the diagnose command prints): per
 * timeframe both sides, each condition passed or failed with the value it read and its threshold.
 * With a run, as that run saw it (its time, profile and timeframe); without, now.
 */
export function DecisionTree({ symbol, runId, revision }: { symbol: string; runId: string | null; revision: number }) {
  const query = new URLSearchParams({ symbol });
  if (runId) query.set('run_id', runId);
  const answer = useJson<{ data: Diagnosis }>(`/api/mtf/diagnose?${query}`, revision);
  const diagnosis = answer.data?.data;
  return (
    <section class="decision-tree" aria-labelledby="tree-title" data-testid="decision-tree">
      <h4 id="tree-title">Conditions {runId ? 'as the run saw them' : 'now'}</h4>
      {answer.error && <p class="negative">{answer.error}</p>}
      {diagnosis && <Verdict diagnosis={diagnosis} />}
      {diagnosis && (
        <ul class="tree">
          {Object.values(diagnosis.decision.timeframes).map((outcome) =>
            outcome ? <TimeframeBranch key={outcome.timeframe} outcome={outcome} /> : null,
          )}
          {diagnosis.decision.filters && (
            <li>
              <strong>filters_mandatory</strong>
              <ul>
                <Condition node={diagnosis.decision.filters} />
              </ul>
            </li>
          )}
          {(diagnosis.decision.selector ?? []).map((step) => (
            <li key={`selector-${step.timeframe}`} data-selector={step.timeframe}>
              <strong>selector {step.timeframe}</strong> {step.step}{' '}
              {step.checks.map((check) => (
                <span key={check.name} class={check.passed ? 'positive' : 'negative'}>
                  {check.name}={check.missing ? 'missing' : String(check.value)} {check.passed ? '✓' : '✗'}{' '}
                </span>
              ))}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Verdict({ diagnosis }: { diagnosis: Diagnosis }) {
  const { decision } = diagnosis;
  return (
    <p data-testid="decision-verdict">
      <strong class={decision.status === 'READY' ? 'positive' : ''}>{decision.status}</strong>
      {decision.status === 'READY' ? ` ${decision.signal_side} on ${decision.execution_tf}` : ''}
      {decision.failed_timeframe ? ` at ${decision.failed_timeframe}` : ''}
      {decision.reason ? `: ${decision.reason}` : ''}
      <span class="muted">
        {' '}
        · profile {diagnosis.profile} · at {time(diagnosis.at)} · context{' '}
        {decision.context.context_tfs.join(', ') || '—'} → {decision.context.context_dir}
      </span>
    </p>
  );
}

function TimeframeBranch({ outcome }: { outcome: TimeframeDiagnosis }) {
  return (
    <li data-timeframe={outcome.timeframe}>
      <strong>{outcome.timeframe}</strong> {outcome.status} <span class="muted">signal {outcome.signal}</span>
      {outcome.reason ? <span class="muted"> ({outcome.reason})</span> : null}
      {outcome.evaluation && (
        <ul>
          <Condition node={outcome.evaluation.long} />
          <Condition node={outcome.evaluation.short} />
        </ul>
      )}
    </li>
  );
}

/** One node and its children; a rule whose only child is the condition of the same name shows once. */
function Condition({ node }: { node: ConditionNode }) {
  const only = node.children.length === 1 ? node.children[0] : undefined;
  if (only && only.name === node.name && only.passed === node.passed) return <Condition node={only} />;
  const note = node.meta.missing_data === true ? 'missing data' : node.meta.reason ? String(node.meta.reason) : null;
  return (
    <li class={node.passed ? 'positive' : 'negative'} data-condition={node.name}>
      <span aria-hidden="true">{node.passed ? '✓' : '✗'}</span>{' '}
      <span class="visually-hidden">{node.passed ? 'passed:' : 'failed:'}</span> {node.name}
      {node.value !== null || node.threshold !== null ? (
        <span class="reading">
          {' '}
          value <span data-field="value">{number(node.value)}</span>, threshold{' '}
          <span data-field="threshold">{number(node.threshold)}</span>
        </span>
      ) : null}
      {note ? <span class="muted"> ({note})</span> : null}
      {node.children.length > 0 && (
        <ul>
          {node.children.map((child, index) => (
            <Condition key={`${child.name}-${index}`} node={child} />
          ))}
        </ul>
      )}
    </li>
  );
}

/** Integers whole, else six significant digits, as the diagnose command prints them. */
function number(value: number | null): string {
  if (value === null) return '—';
  return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(6)));
}
