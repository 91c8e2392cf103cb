// Designed levels against measurements over time: for each measured metric a
// chart, or the same figures as a table (where editors delete a measurement;
// not those limited to a client: measurements are the provider's to keep).
import { useMutation } from '@urql/preact';
import { useState } from 'preact/hooks';
import { problemOf } from '../../shared/api';
import { count, formatDate, formatLevel, formatTime } from '../../shared/format';
import { useSession } from '../../shared/session';
import { graphql } from '../../gql';
import { ConfirmDialog } from '../../shared/dialog';
import { Empty, Flag } from '../../shared/ui';
import { describeSeries, type MeasurementRow, type Series } from './chart';
import { LevelChart } from './LevelChart';

const DeleteMeasurement = graphql(`
  mutation DeleteMeasurement($id: ID!) {
    deleteMeasurement(id: $id)
  }
`);

/** Meets or misses, in a badge with an icon and a word. */
export function Verdict({ miss, designed }: { miss: boolean; designed: boolean }) {
  if (!designed) return <span class="muted small">no designed level</span>;
  return miss ? (
    <Flag tone="bad" icon="✕">
      Misses
    </Flag>
  ) : (
    <Flag tone="good" icon="✓">
      Meets
    </Flag>
  );
}

export function MeasuredLevels({
  series,
  neverMeasured,
  truncated,
  onRecord,
  onChanged,
}: {
  series: Series[];
  /** Names of the metrics with a designed level and no measurement. */
  neverMeasured: string[];
  /** The list was cut at the API's limit: older measurements are not shown. */
  truncated: boolean;
  onRecord?: (metric: string) => void;
  onChanged: () => void;
}) {
  const session = useSession();
  const [deleting, setDeleting] = useState<{ m: MeasurementRow; unit: string } | null>(null);
  const [deleted, remove] = useMutation(DeleteMeasurement);
  const [error, setError] = useState<string | null>(null);
  async function confirmDelete() {
    if (!deleting) return;
    const res = await remove({ id: deleting.m.id });
    const p = problemOf(res.error);
    if (p) {
      setError(p.message);
      return;
    }
    setDeleting(null);
    onChanged();
  }
  return (
    <>
      {series.length === 0 ? (
        <Empty>No measurements yet: nothing shows whether the service delivers what it is designed for.</Empty>
      ) : (
        <div class="catalog-series">
          {series.map((s) => (
            <SeriesCard
              key={s.metric.key}
              series={s}
              onRecord={onRecord}
              onDelete={(m) => {
                setError(null);
                setDeleting({ m, unit: s.metric.unit });
              }}
            />
          ))}
        </div>
      )}
      {neverMeasured.length > 0 && series.length > 0 && (
        <p class="muted">
          Never measured: {neverMeasured.join(', ')}. A metric with no measurement does not fail delivery.
        </p>
      )}
      {truncated && <p class="muted small">Only the latest 1,000 measurements are shown.</p>}
      {session.canEditInternal && (
        <ConfirmDialog
          title="Delete the measurement?"
          open={!!deleting}
          busy={deleted.fetching}
          error={error}
          onClose={() => setDeleting(null)}
          onConfirm={confirmDelete}
          consequence={
            deleting && (
              <>
                This removes the {deleting.m.metric.name.toLowerCase()} of {formatLevel(deleting.m.value, deleting.unit)} measured from{' '}
                {formatDate(deleting.m.periodStart)} to {formatDate(deleting.m.periodEnd)}
                {deleting.m.source ? ` (${deleting.m.source})` : ''}. If it is the latest, the one before it becomes the evidence of delivery.
              </>
            )
          }
        />
      )}
    </>
  );
}

function SeriesCard({ series, onRecord, onDelete }: { series: Series; onRecord?: (metric: string) => void; onDelete: (m: MeasurementRow) => void }) {
  const session = useSession();
  const [asTable, setAsTable] = useState(false);
  const s = series;
  const latest = s.points[s.points.length - 1];
  const headingId = `catalog-series-${s.metric.key}`;
  return (
    <article class="card catalog-series-card" aria-labelledby={headingId}>
      <header class="catalog-series-head">
        <div>
          <h3 id={headingId}>{s.metric.name}</h3>
          <p class="muted small">
            {s.designed === null ? 'No designed level' : `Designed ${formatLevel(s.designed, s.metric.unit)}`} ·{' '}
            {s.metric.direction === 'HIGHER_IS_BETTER' ? 'higher is better' : 'lower is better'}
            {latest && (
              <>
                {' '}
                · latest {formatLevel(latest.value, s.metric.unit)} <Verdict miss={latest.miss} designed={s.designed !== null} />
              </>
            )}
          </p>
        </div>
        <div class="catalog-toggle" role="group" aria-label={`Show ${s.metric.name} as`}>
          <button type="button" class="button small" aria-pressed={!asTable} onClick={() => setAsTable(false)}>
            Chart
          </button>
          <button type="button" class="button small" aria-pressed={asTable} onClick={() => setAsTable(true)}>
            Table
          </button>
        </div>
      </header>
      <p class="catalog-summary" id={`${headingId}-summary`}>
        {describeSeries(s)}
      </p>
      {asTable ? (
        <div class="table-wrap">
          <table class="table catalog-stack">
            <caption class="visually-hidden">Measurements of {s.metric.name}, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Period</th>
                <th scope="col" class="num">
                  Value
                </th>
                <th scope="col">Against design</th>
                <th scope="col">Source</th>
                <th scope="col">Recorded</th>
                {session.canEditInternal && (
                  <th scope="col">
                    <span class="visually-hidden">Actions</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {[...s.points].reverse().map((p) => (
                <tr key={p.m.id}>
                  <th scope="row" data-label="Period">
                    {formatDate(p.m.periodStart)} – {formatDate(p.m.periodEnd)}
                  </th>
                  <td class="num" data-label="Value">
                    {formatLevel(p.value, s.metric.unit)}
                  </td>
                  <td data-label="Against design">
                    <Verdict miss={p.miss} designed={s.designed !== null} />
                  </td>
                  <td data-label="Source">{p.m.source ?? <span class="muted">—</span>}</td>
                  <td data-label="Recorded" class="small">
                    {formatTime(p.m.recordedAt)}
                  </td>
                  {session.canEditInternal && (
                    <td>
                      <button
                        type="button"
                        class="button small"
                        aria-label={`Delete the measurement of ${formatDate(p.m.periodStart)} to ${formatDate(p.m.periodEnd)}`}
                        onClick={() => onDelete(p.m)}
                      >
                        Delete
                      </button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <LevelChart series={s} summaryId={`${headingId}-summary`} />
      )}
      <footer class="catalog-series-foot muted small">
        {count(s.points.length, 'measurement')}
        {s.designed !== null && `, ${count(s.points.filter((p) => p.miss).length, 'miss', 'misses')}`}
        {session.canEditInternal && !asTable && ' · switch to Table to delete one'}
        {onRecord && (
          <>
            {' · '}
            <button type="button" class="link-button" onClick={() => onRecord(s.metric.key)}>
              Record a measurement of {s.metric.name.toLowerCase()}
            </button>
          </>
        )}
      </footer>
    </article>
  );
}
