import type { SymbolDecision } from '../cascade/SymbolDecision.ts';
import type { ExplainedResult } from './ExplainedResult.ts';

/**
 * A readable tree of a decision, for `app:indicator:conditions:diagnose SYMBOL TF`: the verdict, then per
 * timeframe its status and both sides, every node with ✓/✗, its value and its threshold.
 */
export function formatDecision(decision: SymbolDecision): string {
  const lines = [
    `${decision.symbol}: ${decision.status}` +
      (decision.status === 'READY' ? ` ${decision.signal_side} on ${decision.execution_tf}` : '') +
      (decision.failed_timeframe ? ` (failed at ${decision.failed_timeframe}: ${decision.reason ?? 'no reason'})` : ''),
    `context ${decision.context.context_tfs.join(',')}: ${JSON.stringify(decision.context.context_signals)} → ${decision.context.context_dir}`,
  ];
  for (const outcome of Object.values(decision.timeframes)) {
    if (!outcome) continue;
    lines.push(
      `[${outcome.timeframe}] ${outcome.status} signal=${outcome.signal}${outcome.reason ? ` (${outcome.reason})` : ''}`,
    );
    if (outcome.evaluation) {
      lines.push(...formatResult(outcome.evaluation.long, '  '), ...formatResult(outcome.evaluation.short, '  '));
    }
  }
  if (decision.filters) lines.push('[filters_mandatory]', ...formatResult(decision.filters, '  '));
  for (const step of decision.selector ?? []) {
    const checks = step.checks.map((c) => `${c.name}=${c.missing ? 'missing' : `${c.value}${c.passed ? '✓' : '✗'}`}`);
    lines.push(`[selector ${step.timeframe}] ${step.step}${checks.length > 0 ? ` ${checks.join(' ')}` : ''}`);
  }
  return `${lines.join('\n')}\n`;
}

export function formatResult(result: ExplainedResult, indent = ''): string[] {
  // A rule whose body is the condition of the same name prints once, with the rule's verdict.
  const only = result.children.length === 1 ? result.children[0] : undefined;
  if (only && only.name === result.name && only.passed === result.passed) return formatResult(only, indent);
  const mark = result.passed ? '✓' : '✗';
  const numbers =
    result.value === null && result.threshold === null
      ? ''
      : ` value=${formatNumber(result.value)} threshold=${formatNumber(result.threshold)}`;
  const note =
    result.meta.missing_data === true
      ? ' (missing data)'
      : result.meta.reason
        ? ` (${String(result.meta.reason)})`
        : '';
  const lines = [`${indent}${mark} ${result.name}${numbers}${note}`];
  for (const child of result.children) lines.push(...formatResult(child, `${indent}  `));
  return lines;
}

function formatNumber(value: number | null): string {
  if (value === null) return '—';
  // Six significant digits, written out: toPrecision alone turns 1234567.8 into "1.23457e+6".
  return String(Number(value.toPrecision(6)));
}
