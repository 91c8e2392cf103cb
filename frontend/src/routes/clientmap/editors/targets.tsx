// A small editor of a requirement's targets: rows of a metric (from the
// metric catalog) and a value, added and removed. A problem that names a row
// ("targets.1.metric") shows at that row's field.
import { useState } from 'preact/hooks';
import type { Problem } from '../../../shared/api';
import { fieldError } from '../../../shared/form';
import './targets.css';
import { nextMetric, rowProblem, type TargetRow } from './values';

export interface MetricOption {
  key: string;
  name: string;
  unit: string;
  direction: string;
}

let editors = 0;

export function TargetsEditor({
  rows,
  metrics,
  loading,
  problem,
  onRows,
}: {
  rows: TargetRow[];
  metrics: MetricOption[];
  loading?: boolean;
  problem: Problem | null;
  onRows: (rows: TargetRow[]) => void;
}) {
  const [prefix] = useState(() => `targets-${++editors}`);
  const setRow = (i: number, row: Partial<TargetRow>) => onRows(rows.map((r, j) => (j === i ? { ...r, ...row } : r)));
  const listError = problem?.field === 'targets' ? fieldError(problem, 'targets') : undefined;
  const unitOf = (key: string) => metrics.find((m) => m.key === key)?.unit ?? '';
  function add() {
    onRows([...rows, { metric: nextMetric(metrics.map((m) => m.key), rows), value: '' }]);
    // Focus the new row's metric once it is drawn.
    setTimeout(() => document.getElementById(`${prefix}-${rows.length}-metric`)?.focus(), 0);
  }
  return (
    <fieldset class="targets-editor">
      <legend>Targets</legend>
      <p class="hint">
        The promised service levels. A requirement without targets is functional: any working service committed to it meets it.
      </p>
      {listError && (
        <p class="field-error" role="alert">
          {listError}
        </p>
      )}
      {rows.length > 0 && (
        <ol class="targets-rows">
          {rows.map((r, i) => {
            const metricError = rowProblem(problem, 'targets', i, 'metric');
            const valueError = rowProblem(problem, 'targets', i, 'value');
            const error = rowProblem(problem, 'targets', i);
            const known = metrics.some((m) => m.key === r.metric);
            const id = `${prefix}-${i}`;
            const unit = unitOf(r.metric);
            return (
              <li key={i} class={`targets-row${metricError || valueError || error ? ' invalid' : ''}`}>
                <div class={`field${metricError ? ' invalid' : ''}`}>
                  <label for={`${id}-metric`}>Metric {i + 1}</label>
                  <select
                    id={`${id}-metric`}
                    value={r.metric}
                    aria-invalid={metricError ? 'true' : undefined}
                    aria-describedby={metricError ? `${id}-metric-error` : undefined}
                    onChange={(e) => setRow(i, { metric: (e.target as HTMLSelectElement).value })}
                  >
                    {!known && <option value={r.metric}>{r.metric ? r.metric : loading ? 'Loading metrics…' : 'Choose a metric'}</option>}
                    {metrics.map((m) => (
                      <option key={m.key} value={m.key}>
                        {m.name} ({m.unit}, {m.direction === 'LOWER_IS_BETTER' ? 'lower is better' : 'higher is better'})
                      </option>
                    ))}
                  </select>
                  {metricError && (
                    <p class="field-error" id={`${id}-metric-error`} role="alert">
                      {metricError}
                    </p>
                  )}
                </div>
                <div class={`field${valueError ? ' invalid' : ''}`}>
                  <label for={`${id}-value`}>Value{unit ? ` (${unit})` : ''}</label>
                  <input
                    id={`${id}-value`}
                    type="text"
                    inputMode="decimal"
                    value={r.value}
                    aria-invalid={valueError ? 'true' : undefined}
                    aria-describedby={valueError ? `${id}-value-error` : undefined}
                    onInput={(e) => setRow(i, { value: (e.target as HTMLInputElement).value })}
                  />
                  {valueError && (
                    <p class="field-error" id={`${id}-value-error`} role="alert">
                      {valueError}
                    </p>
                  )}
                </div>
                <button type="button" class="button small targets-remove" aria-label={`Remove target ${i + 1}`} onClick={() => onRows(rows.filter((_, j) => j !== i))}>
                  Remove
                </button>
                {error && (
                  <p class="field-error targets-row-error" role="alert">
                    {error}
                  </p>
                )}
              </li>
            );
          })}
        </ol>
      )}
      <div>
        <button type="button" class="button small" onClick={add} disabled={loading && metrics.length === 0}>
          + Add target
        </button>
      </div>
    </fieldset>
  );
}
