// Recording what a service delivered for a metric over a period. The
// metrics of the service's designed levels are offered first; any metric of
// the catalog can be measured.
import { useMutation, useQuery } from '@urql/preact';
import { useState } from 'preact/hooks';
import { problemOf, type Problem } from '../../../shared/api';
import { formatLevel } from '../../../shared/format';
import { graphql } from '../../../gql';
import { lastMonth, measurementFields, measurementInputOf, type MeasurementValues } from '../forms';
import { Dialog } from '../../../shared/dialog';
import { Field, fieldError, formError, FormFooter, TextField } from '../../../shared/form';
import { MetricCatalog } from './service';
import './editors.css';

const RecordMeasurement = graphql(`
  mutation RecordMeasurement($input: MeasurementInput!) {
    recordMeasurement(input: $input) {
      id
    }
  }
`);

export interface DesignedLevel {
  value: number;
  metric: { key: string; name: string; unit: string; direction: string };
}

let forms = 0;

/** A dialog that records a measurement of a service. */
export function MeasurementForm({
  open,
  serviceId,
  serviceName,
  designed,
  metric,
  onClose,
  onSaved,
}: {
  open: boolean;
  serviceId: string;
  serviceName: string;
  designed: DesignedLevel[];
  /** The metric to start with; the first designed level's otherwise. */
  metric?: string;
  onClose: () => void;
  onSaved: (id: string) => void;
}) {
  const [v, setV] = useState<MeasurementValues>(() => ({
    metric: metric ?? designed[0]?.metric.key ?? '',
    value: '',
    source: '',
    ...lastMonth(new Date()),
  }));
  const [id] = useState(() => `measurement-form-${++forms}`);
  const [metrics] = useQuery({ query: MetricCatalog });
  const [recorded, record] = useMutation(RecordMeasurement);
  const [problem, setProblem] = useState<Problem | null>(null);
  const set = (k: keyof MeasurementValues) => (x: string) => setV({ ...v, [k]: x });
  async function submit(e: Event) {
    e.preventDefault();
    const read = measurementInputOf(serviceId, v);
    if (read.problem) {
      setProblem(read.problem);
      return;
    }
    const res = await record({ input: read.input });
    const p = problemOf(res.error);
    setProblem(p);
    if (!p && res.data) onSaved(res.data.recordMeasurement.id);
  }
  const catalog = metrics.data?.metrics ?? [];
  const designedKeys = new Set(designed.map((d) => d.metric.key));
  const others = catalog.filter((m) => !designedKeys.has(m.key));
  const chosen = catalog.find((m) => m.key === v.metric) ?? designed.find((d) => d.metric.key === v.metric)?.metric;
  const level = designed.find((d) => d.metric.key === v.metric);
  const metricError = fieldError(problem, 'metric');
  return (
    <Dialog title={`Record a measurement of ${serviceName}`} open={open} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <div class="dialog-body">
          {formError(problem, measurementFields) && (
            <p class="form-error" role="alert">
              {formError(problem, measurementFields)}
            </p>
          )}
          {metrics.error && (
            <p class="form-error" role="alert">
              The metric catalog could not be loaded: {problemOf(metrics.error)?.message}
            </p>
          )}
          <Field label="Metric" id={`${id}-metric`} error={metricError}>
            <select
              id={`${id}-metric`}
              value={v.metric}
              autoFocus
              aria-invalid={metricError ? 'true' : undefined}
              aria-describedby={metricError ? `${id}-metric-error` : undefined}
              onChange={(e) => setV({ ...v, metric: (e.target as HTMLSelectElement).value })}
            >
              <option value="">{metrics.fetching && !catalog.length ? 'Loading metrics…' : 'Choose a metric'}</option>
              {designed.length > 0 && (
                <optgroup label="Designed levels of this service">
                  {designed.map((d) => (
                    <option key={d.metric.key} value={d.metric.key}>
                      {d.metric.name} (designed {formatLevel(d.value, d.metric.unit)})
                    </option>
                  ))}
                </optgroup>
              )}
              {others.length > 0 && (
                <optgroup label={designed.length > 0 ? 'Other metrics' : 'Metrics'}>
                  {others.map((m) => (
                    <option key={m.key} value={m.key}>
                      {m.name}
                    </option>
                  ))}
                </optgroup>
              )}
            </select>
          </Field>
          <TextField
            label={chosen ? `Measured value (${chosen.unit})` : 'Measured value'}
            value={v.value}
            onValue={set('value')}
            inputMode="decimal"
            error={fieldError(problem, 'value')}
            hint={
              level
                ? `Designed for ${formatLevel(level.value, level.metric.unit)}; ${level.metric.direction === 'HIGHER_IS_BETTER' ? 'higher' : 'lower'} is better.`
                : chosen
                  ? 'The service has no designed level for this metric.'
                  : undefined
            }
          />
          <div class="catalog-form-grid">
            <TextField label="Period start" type="date" value={v.periodStart} onValue={set('periodStart')} error={fieldError(problem, 'periodStart')} />
            <TextField
              label="Period end"
              type="date"
              value={v.periodEnd}
              onValue={set('periodEnd')}
              error={fieldError(problem, 'periodEnd')}
              hint="After the start; a month runs from the 1st to the 1st of the next."
            />
          </div>
          <TextField label="Source" value={v.source} onValue={set('source')} error={fieldError(problem, 'source')} hint="Where the figure comes from, such as a monitoring report." />
        </div>
        <FormFooter busy={recorded.fetching} submitLabel="Record measurement" onCancel={onClose} />
      </form>
    </Dialog>
  );
}
