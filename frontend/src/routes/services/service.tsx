// A service: what it costs and carries, what it is designed to deliver
// against what it did deliver over time, and the commitments and clients
// that depend on it. Editors change it, delete it and record measurements.
// What it costs and carries is the provider's own: a token limited to a
// client sees the rest, and changes nothing here.
import { useQuery, useMutation } from '@urql/preact';
import { useState } from 'preact/hooks';
import { problemOf } from '../../shared/api';
import { count, formatLevel } from '../../shared/format';
import { navigate } from '../../shared/navigation';
import type { Route } from '../../shared/router';
import { viewAvailable } from '../../shared/portal';
import { useSession } from '../../shared/session';
import { gapLook } from '../../shared/status';
import { graphql } from '../../gql';
import { ConfirmDialog } from '../../shared/dialog';
import { MeasurementForm } from './editors/measurement';
import { ServiceForm } from './editors/service';
import { CapacityBar, Empty, ErrorBox, LifecycleBadge, Loading, Money, PageHeader } from '../../shared/ui';
import { buildSeries, type Series } from './chart';
import { ClientsBehind, Commitments } from './Commitments';
import { ServiceFlags } from './Flags';
import { serviceValuesOf } from './forms';
import { MeasuredLevels, Verdict } from './Measured';
import './catalog.css';

const ServicePage = graphql(`
  query ServicePage($id: ID!, $internal: Boolean! = true) {
    service(id: $id) {
      id
      name
      description
      ownerTeam
      lifecycle
      monthlyCost @include(if: $internal)
      capacity @include(if: $internal)
      committedUnits @include(if: $internal)
      orphan @include(if: $internal)
      oversubscribed @include(if: $internal)
      designedLevels {
        value
        metric {
          key
          name
          unit
          direction
        }
      }
      measurements(last: 1000) {
        id
        value
        periodStart
        periodEnd
        source
        recordedAt
        metric {
          key
          name
          unit
          direction
        }
      }
      commitments {
        id
        coveragePercent
        capacityUnits @include(if: $internal)
        holds
        evidence {
          judged
          stale
          reason
          staleSince
        }
        requirement {
          id
          title
          objective {
            id
            client {
              id
              name
              status
            }
          }
        }
      }
    }
  }
`);

const DeleteService = graphql(`
  mutation DeleteService($id: ID!) {
    deleteService(id: $id)
  }
`);

const MEASUREMENT_LIMIT = 1000;

export default function ServiceView({ route }: { route: Route }) {
  const id = route.name === 'service' ? route.id : '';
  const session = useSession();
  const [result, reload] = useQuery({ query: ServicePage, variables: { id } });
  const [editing, setEditing] = useState(false);
  const [recording, setRecording] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [deleted, remove] = useMutation(DeleteService);
  const [deleteError, setDeleteError] = useState<string | null>(null);
  const s = result.data?.service;
  document.title = `${s?.name ?? 'Service'} · Alliance`;
  const refresh = () => reload({ requestPolicy: 'network-only' });

  const problem = problemOf(result.error);
  if (problem && (problem.code === 'NOT_FOUND' || problem.field === 'id')) return <NotFound id={id} />;
  if (result.error && !s) {
    return (
      <section class="page" data-view="service">
        <ErrorBox error={result.error} retry={refresh} />
      </section>
    );
  }
  if (!result.data) {
    return (
      <section class="page" data-view="service">
        <Loading what="Loading the service" />
      </section>
    );
  }
  if (!s) return <NotFound id={id} />;

  const series = buildSeries(s.measurements, s.designedLevels);
  const measuredKeys = new Set(series.map((x) => x.metric.key));
  const neverMeasured = s.designedLevels.filter((d) => !measuredKeys.has(d.metric.key)).map((d) => d.metric.name);
  const clientCount = new Set(s.commitments.map((c) => c.requirement.objective.client.id)).size;
  const measurementCount = s.measurements.length >= MEASUREMENT_LIMIT ? `${MEASUREMENT_LIMIT.toLocaleString('en-US')} or more measurements` : count(s.measurements.length, 'measurement');

  async function confirmDelete() {
    if (!s) return;
    const res = await remove({ id: s.id });
    const p = problemOf(res.error);
    if (p) {
      setDeleteError(p.message);
      return;
    }
    setConfirming(false);
    navigate('/services');
  }

  return (
    <section class="page" data-view="service">
      <p class="catalog-crumbs">
        <a href="/services">← Services</a>
      </p>
      <PageHeader
        title={s.name}
        subtitle={s.description ?? <span class="muted">No description.</span>}
        actions={
          <>
            {viewAvailable('impact', session) && (
              <a class="button" href={`/impact?service=${encodeURIComponent(s.id)}`}>
                What if we retire it?
              </a>
            )}
            {session.canEditInternal && (
              <>
                <button type="button" class="button" onClick={() => setRecording('')}>
                  Record measurement
                </button>
                <a class="button" href={`/sources?service=${encodeURIComponent(s.id)}`}>
                  Measurement sources
                </a>
                <button type="button" class="button" onClick={() => setEditing(true)}>
                  Edit
                </button>
                <button
                  type="button"
                  class="button danger"
                  onClick={() => {
                    setDeleteError(null);
                    setConfirming(true);
                  }}
                >
                  Delete
                </button>
              </>
            )}
          </>
        }
      />
      {result.error && <ErrorBox error={result.error} retry={refresh} />}

      <div class="kpis catalog-facts">
        <div class="kpi">
          <span class="kpi-label">Owner team</span>
          <span>{s.ownerTeam ?? <span class="muted">None named</span>}</span>
        </div>
        <div class="kpi">
          <span class="kpi-label">Lifecycle</span>
          <span>
            <LifecycleBadge lifecycle={s.lifecycle} />
          </span>
        </div>
        {s.monthlyCost != null && (
          <div class="kpi">
            <span class="kpi-label">Monthly cost</span>
            <span class="kpi-value">
              <Money amount={s.monthlyCost} />
            </span>
          </div>
        )}
        {s.committedUnits != null && (
          <div class="kpi">
            <span class="kpi-label">Capacity used (committed units of capacity)</span>
            <CapacityBar used={s.committedUnits} capacity={s.capacity} />
          </div>
        )}
        {s.orphan != null && s.oversubscribed != null && (
          <div class="kpi">
            <span class="kpi-label">Flags</span>
            <span>
              <ServiceFlags orphan={s.orphan} oversubscribed={s.oversubscribed} none="None" />
            </span>
          </div>
        )}
      </div>
      {(s.orphan || s.oversubscribed) && (
        <ul class="catalog-alerts">
          {s.orphan && (
            <li class={`tone-${gapLook.ORPHAN_SERVICE.tone}`}>
              <span aria-hidden="true">{gapLook.ORPHAN_SERVICE.icon}</span> Orphan: it is live and costs <Money amount={s.monthlyCost} /> a month, but no active
              commitment uses it. Its cost is waste.
            </li>
          )}
          {s.oversubscribed && (
            <li class={`tone-${gapLook.OVERSUBSCRIBED.tone}`}>
              <span aria-hidden="true">{gapLook.OVERSUBSCRIBED.icon}</span> Oversubscribed: {count(s.committedUnits ?? 0, 'unit')} committed against a capacity of{' '}
              {s.capacity}.
            </li>
          )}
        </ul>
      )}

      <h2>Designed levels</h2>
      <DesignedLevels levels={s.designedLevels} series={series} />

      <h2>Designed against measured</h2>
      <MeasuredLevels
        series={series}
        neverMeasured={neverMeasured}
        truncated={s.measurements.length >= MEASUREMENT_LIMIT}
        onRecord={session.canEditInternal ? (metric) => setRecording(metric) : undefined}
        onChanged={refresh}
      />

      <h2>Commitments ({s.commitments.length})</h2>
      <Commitments rows={s.commitments} serviceName={s.name} />

      <h2>Clients behind it ({clientCount})</h2>
      <ClientsBehind rows={s.commitments} />

      {editing && s.monthlyCost != null && (
        // Only those who see the cost edit the service (the form would write it).
        <ServiceForm
          open={editing}
          values={serviceValuesOf({ ...s, monthlyCost: s.monthlyCost })}
          onClose={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            refresh();
          }}
        />
      )}
      {recording !== null && (
        <MeasurementForm
          open
          serviceId={s.id}
          serviceName={s.name}
          designed={s.designedLevels}
          metric={recording || undefined}
          onClose={() => setRecording(null)}
          onSaved={() => {
            setRecording(null);
            refresh();
          }}
        />
      )}
      {session.canEditInternal && (
        <ConfirmDialog
          title={`Delete ${s.name}?`}
          open={confirming}
          busy={deleted.fetching}
          error={deleteError}
          onClose={() => setConfirming(false)}
          onConfirm={confirmDelete}
          consequence={
            <>
              This removes {s.name} with its {count(s.commitments.length, 'commitment')} and its {measurementCount}.
              {clientCount > 0 && ` The requirements of ${count(clientCount, 'client')} lose the coverage it gave.`} The audit log keeps a record of it.
            </>
          }
        />
      )}
    </section>
  );
}

function NotFound({ id }: { id: string }) {
  document.title = 'Service not found · Alliance';
  return (
    <section class="page" data-view="service">
      <PageHeader title="Service not found" />
      <Empty>
        No service with id {id}. <a href="/services">See the service catalog</a>.
      </Empty>
    </section>
  );
}

function DesignedLevels({ levels, series }: { levels: Array<{ value: number; metric: Series['metric'] }>; series: Series[] }) {
  if (levels.length === 0) {
    return <Empty>No designed levels: by design it meets only requirements without targets.</Empty>;
  }
  return (
    <div class="table-wrap">
      <table class="table catalog-stack">
        <caption class="visually-hidden">Designed levels, with the latest measurement of each</caption>
        <thead>
          <tr>
            <th scope="col">Metric</th>
            <th scope="col" class="num">
              Designed
            </th>
            <th scope="col">Direction</th>
            <th scope="col" class="num">
              Latest measured
            </th>
            <th scope="col">Against design</th>
          </tr>
        </thead>
        <tbody>
          {levels.map((l) => {
            const points = series.find((x) => x.metric.key === l.metric.key)?.points ?? [];
            const latest = points[points.length - 1];
            return (
              <tr key={l.metric.key}>
                <th scope="row" data-label="Metric">
                  {l.metric.name}
                </th>
                <td class="num" data-label="Designed">
                  {formatLevel(l.value, l.metric.unit)}
                </td>
                <td data-label="Direction">
                  <span aria-hidden="true">{l.metric.direction === 'HIGHER_IS_BETTER' ? '↑ ' : '↓ '}</span>
                  {l.metric.direction === 'HIGHER_IS_BETTER' ? 'higher is better' : 'lower is better'}
                </td>
                <td class="num" data-label="Latest measured">
                  {latest ? formatLevel(latest.value, l.metric.unit) : <span class="muted">never measured</span>}
                </td>
                <td data-label="Against design">{latest ? <Verdict miss={latest.miss} designed /> : <span class="muted">—</span>}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
