// The targets of a promise check: rows of a metric and a value, each with the
// metric's unit and which way is better, and the problem of the row (found
// here or named by the server) shown at the row.
import { directionHint, type Direction, type RowProblem, type TargetRow } from './promiseTargets';

export interface MetricInfo {
  key: string;
  name: string;
  unit: string;
  direction: Direction;
}

/** A row of the form with a key that lasts while rows are added and removed. */
export interface FormRow extends TargetRow {
  key: number;
}

let lastKey = 0;
export const newRow = (r: TargetRow = { metric: '', value: '' }): FormRow => ({ ...r, key: ++lastKey });

export function PromiseForm({
  rows,
  metrics,
  problems,
  formProblem,
  busy,
  onRows,
  onSubmit,
}: {
  rows: FormRow[];
  metrics: MetricInfo[];
  problems: RowProblem[];
  formProblem?: string;
  busy: boolean;
  onRows: (rows: FormRow[]) => void;
  onSubmit: () => void;
}) {
  const set = (i: number, patch: Partial<TargetRow>) => onRows(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const used = new Set(rows.map((r) => r.metric));
  return (
    <form
      class="card promise-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      <h2 class="promise-form-title">Targets you are about to promise</h2>
      {formProblem && (
        <p class="form-error" role="alert">
          {formProblem}
        </p>
      )}
      <ol class="promise-rows">
        {rows.map((r, i) => {
          const metric = metrics.find((m) => m.key === r.metric);
          const metricProblem = problems.find((p) => p.index === i && p.part === 'metric');
          const valueProblem = problems.find((p) => p.index === i && p.part === 'value');
          const id = `promise-${r.key}`;
          const hint = metric ? [metric.unit, directionHint(metric.direction)].filter(Boolean).join(' ') : 'Choose a metric first.';
          return (
            <li key={r.key} class={`promise-row${metricProblem || valueProblem ? ' invalid' : ''}`}>
              <div class={`field promise-metric${metricProblem ? ' invalid' : ''}`}>
                <label for={`${id}-metric`}>Metric {rows.length > 1 ? i + 1 : ''}</label>
                <select
                  id={`${id}-metric`}
                  value={r.metric}
                  aria-invalid={metricProblem ? 'true' : undefined}
                  aria-describedby={metricProblem ? `${id}-metric-error` : undefined}
                  onChange={(e) => set(i, { metric: (e.target as HTMLSelectElement).value })}
                >
                  <option value="">Choose a metric…</option>
                  {metrics.map((m) => (
                    <option key={m.key} value={m.key} disabled={m.key !== r.metric && used.has(m.key)}>
                      {m.name} ({m.unit})
                    </option>
                  ))}
                  {r.metric && !metric && <option value={r.metric}>{r.metric} (not in the catalog)</option>}
                </select>
                {metricProblem && (
                  <p class="field-error" id={`${id}-metric-error`} role="alert">
                    {metricProblem.message}
                  </p>
                )}
              </div>
              <div class={`field promise-value${valueProblem ? ' invalid' : ''}`}>
                <label for={`${id}-value`}>Value {rows.length > 1 ? i + 1 : ''}</label>
                <input
                  id={`${id}-value`}
                  type="text"
                  inputMode="decimal"
                  autoComplete="off"
                  value={r.value}
                  aria-invalid={valueProblem ? 'true' : undefined}
                  aria-describedby={valueProblem ? `${id}-value-error` : `${id}-hint`}
                  onInput={(e) => set(i, { value: (e.target as HTMLInputElement).value })}
                />
                {valueProblem ? (
                  <p class="field-error" id={`${id}-value-error`} role="alert">
                    {valueProblem.message}
                  </p>
                ) : (
                  <p class="hint" id={`${id}-hint`}>
                    {hint}
                  </p>
                )}
              </div>
              <button
                type="button"
                class="button small promise-remove"
                aria-label={`Remove target ${i + 1}${metric ? ` (${metric.name})` : ''}`}
                onClick={() => onRows(rows.length > 1 ? rows.filter((_, j) => j !== i) : [newRow()])}
              >
                <span aria-hidden="true">✕</span> Remove
              </button>
            </li>
          );
        })}
      </ol>
      <div class="promise-actions">
        <button type="button" class="button" onClick={() => onRows([...rows, newRow()])} disabled={rows.length >= metrics.length}>
          <span aria-hidden="true">+</span> Add a target
        </button>
        <button type="submit" class="button primary" disabled={busy}>
          {busy ? 'Checking…' : 'Check services'}
        </button>
      </div>
    </form>
  );
}
