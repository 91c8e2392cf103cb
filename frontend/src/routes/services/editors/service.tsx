// Creating and changing a service, with its designed levels: rows of a metric
// (from the metric catalog) and a value. The server's validation error shows
// at its field, a level's at its row ("designedLevels.1.metric").
import { useMutation, useQuery } from '@urql/preact';
import { useState } from 'preact/hooks';
import { problemOf, type Problem } from '../../../shared/api';
import { lifecycleLook, type Lifecycle } from '../../../shared/status';
import { graphql } from '../../../gql';
import { blankService, serviceFields, serviceInputOf, type LevelRow, type ServiceValues } from '../forms';
import { Dialog } from '../../../shared/dialog';
import { Field, fieldError, formError, FormFooter, SelectField, TextArea, TextField } from '../../../shared/form';
import './editors.css';

const CreateService = graphql(`
  mutation CreateService($input: ServiceInput!) {
    createService(input: $input) {
      id
    }
  }
`);

const UpdateService = graphql(`
  mutation UpdateService($id: ID!, $input: ServicePatch!) {
    updateService(id: $id, input: $input) {
      id
    }
  }
`);

export const MetricCatalog = graphql(`
  query MetricCatalog {
    metrics {
      key
      name
      unit
      direction
    }
  }
`);

export type { ServiceValues };

const lifecycles: Lifecycle[] = ['PLANNED', 'LIVE', 'RETIRING', 'RETIRED'];

let forms = 0;

/** A dialog that creates a service, or changes one when values has an id. */
export function ServiceForm({ open, values, onClose, onSaved }: { open: boolean; values?: ServiceValues; onClose: () => void; onSaved: (id: string) => void }) {
  const [v, setV] = useState<ServiceValues>(values ?? blankService);
  const [prefix] = useState(() => `service-form-${++forms}`);
  const [metrics] = useQuery({ query: MetricCatalog });
  const [created, create] = useMutation(CreateService);
  const [updated, update] = useMutation(UpdateService);
  const [problem, setProblem] = useState<Problem | null>(null);
  const set = (k: 'name' | 'description' | 'ownerTeam' | 'monthlyCost' | 'capacity') => (x: string) => setV({ ...v, [k]: x });
  const setRow = (i: number, row: Partial<LevelRow>) => setV({ ...v, levels: v.levels.map((r, j) => (j === i ? { ...r, ...row } : r)) });
  async function submit(e: Event) {
    e.preventDefault();
    const read = serviceInputOf(v);
    if (read.problem) {
      setProblem(read.problem);
      return;
    }
    const res = v.id ? await update({ id: v.id, input: read.input }) : await create({ input: read.input });
    const p = problemOf(res.error);
    setProblem(p);
    if (!p) onSaved(v.id ?? (res.data && 'createService' in res.data ? res.data.createService.id : ''));
  }
  const catalog = metrics.data?.metrics ?? [];
  const listError = problem?.field === 'designedLevels' ? problem.message : undefined;
  return (
    <Dialog title={v.id ? 'Change service' : 'New service'} open={open} onClose={onClose} wide>
      <form onSubmit={submit} noValidate>
        <div class="dialog-body">
          {formError(problem, serviceFields) && (
            <p class="form-error" role="alert">
              {formError(problem, serviceFields)}
            </p>
          )}
          <TextField label="Name" value={v.name} onValue={set('name')} error={fieldError(problem, 'name')} required autoFocus />
          <TextArea label="Description" value={v.description} onValue={set('description')} error={fieldError(problem, 'description')} />
          <div class="catalog-form-grid">
            <TextField label="Owner team" value={v.ownerTeam} onValue={set('ownerTeam')} error={fieldError(problem, 'ownerTeam')} />
            <SelectField
              label="Lifecycle"
              value={v.lifecycle}
              onValue={(x) => setV({ ...v, lifecycle: x })}
              error={fieldError(problem, 'lifecycle')}
              options={lifecycles.map((l) => ({ value: l, label: `${lifecycleLook[l].icon} ${lifecycleLook[l].label}` }))}
            />
            <TextField
              label="Monthly cost"
              value={v.monthlyCost}
              onValue={set('monthlyCost')}
              inputMode="decimal"
              error={fieldError(problem, 'monthlyCost')}
              hint="An amount with at most two decimals, such as 16000.00."
            />
            <TextField
              label="Capacity (units)"
              value={v.capacity}
              onValue={set('capacity')}
              inputMode="numeric"
              error={fieldError(problem, 'capacity')}
              hint="How many commitment units it can carry. Empty: no set capacity."
            />
          </div>
          <fieldset class={`catalog-levels${listError ? ' invalid' : ''}`}>
            <legend>Designed levels</legend>
            <p class="hint muted small">What the service is built and staffed to deliver. Each metric at most once.</p>
            {metrics.error && (
              <p class="form-error" role="alert">
                The metric catalog could not be loaded: {problemOf(metrics.error)?.message}
              </p>
            )}
            {v.levels.length === 0 && <p class="muted">No designed levels: the service is designed for no measurable level.</p>}
            {v.levels.map((row, i) => {
              const metric = catalog.find((m) => m.key === row.metric);
              const used = new Set(v.levels.filter((_, j) => j !== i).map((r) => r.metric));
              const metricError = fieldError(problem, `designedLevels.${i}.metric`);
              const valueError = fieldError(problem, `designedLevels.${i}.value`);
              const id = `${prefix}-level-${i}`;
              return (
                <div class="catalog-level-row" key={i}>
                  <Field label={`Metric ${i + 1}`} id={`${id}-metric`} error={metricError}>
                    <select
                      id={`${id}-metric`}
                      value={row.metric}
                      aria-invalid={metricError ? 'true' : undefined}
                      aria-describedby={metricError ? `${id}-metric-error` : undefined}
                      onChange={(e) => setRow(i, { metric: (e.target as HTMLSelectElement).value })}
                    >
                      <option value="">{metrics.fetching && !catalog.length ? 'Loading metrics…' : 'Choose a metric'}</option>
                      {/* A metric this row holds stays listed even if the catalog lost it. */}
                      {row.metric && !metric && <option value={row.metric}>{row.metric}</option>}
                      {catalog.map((m) => (
                        <option key={m.key} value={m.key} disabled={used.has(m.key)}>
                          {m.name}
                        </option>
                      ))}
                    </select>
                  </Field>
                  <TextField
                    id={`${id}-value`}
                    label={metric ? `Value (${metric.unit}, ${metric.direction === 'HIGHER_IS_BETTER' ? 'higher' : 'lower'} is better)` : 'Value'}
                    value={row.value}
                    inputMode="decimal"
                    onValue={(x) => setRow(i, { value: x })}
                    error={valueError}
                  />
                  <button
                    type="button"
                    class="button small catalog-remove"
                    aria-label={`Remove level ${i + 1}${metric ? ` (${metric.name})` : ''}`}
                    onClick={() => {
                      setProblem(null);
                      setV({ ...v, levels: v.levels.filter((_, j) => j !== i) });
                    }}
                  >
                    Remove
                  </button>
                </div>
              );
            })}
            {listError && (
              <p class="field-error" role="alert">
                {listError}
              </p>
            )}
            <div>
              <button type="button" class="button small" onClick={() => setV({ ...v, levels: [...v.levels, { metric: '', value: '' }] })}>
                + Add a designed level
              </button>
            </div>
          </fieldset>
        </div>
        <FormFooter busy={created.fetching || updated.fetching} submitLabel={v.id ? 'Save' : 'Create service'} onCancel={onClose} />
      </form>
    </Dialog>
  );
}
