// Impact: what retiring a service would change. Which requirements change
// status, which clients' scores drop, and the revenue at risk. The provider's
// own view: a token limited to a client is not shown it (see portal.ts).
import { stringifyDocument } from '@urql/core';
import { useQuery } from '@urql/preact';
import { useEffect } from 'preact/hooks';
import { count, formatScore } from '../../shared/format';
import { navigate } from '../../shared/navigation';
import type { Route } from '../../shared/router';
import { graphql } from '../../gql';
import type { ServiceImpactQuery } from '../../gql/graphql';
import { SaveAsReport } from '../../shared/saveAsReport';
import { DownloadMenu } from '../../shared/download';
import { Empty, ErrorBox, LifecycleBadge, Loading, Money, PageHeader, StatusBadge } from '../../shared/ui';
import { byDrop, formatDelta, scoreDelta } from './impactModel';
import { ServicePicker } from '../../shared/pickers';
import './impact.css';

const ServiceImpact = graphql(`
  query ServiceImpact($serviceId: ID!, $internal: Boolean! = true) {
    impact(serviceId: $serviceId) @include(if: $internal) {
      revenueAtRisk
      service {
        id
        name
        lifecycle
        monthlyCost
        ownerTeam
      }
      requirements {
        before
        after
        requirement {
          id
          title
          priority
          objective {
            id
            title
            client {
              id
              name
            }
          }
        }
      }
      clients {
        before
        after
        client {
          id
          name
          annualContractValue
        }
      }
    }
  }
`);

export default function ImpactView({ route }: { route: Route }) {
  const serviceId = route.name === 'impact' ? route.service : undefined;
  useEffect(() => {
    document.title = 'Impact · Alliance';
  }, []);
  const [res, reload] = useQuery({ query: ServiceImpact, variables: { serviceId: serviceId ?? '' }, pause: !serviceId });
  const impact = serviceId ? res.data?.impact : undefined;
  return (
    <section class="page impact-page" data-view="impact">
      <PageHeader
        title="Impact"
        subtitle="What retiring a service would change: the requirements that lose coverage, the clients whose scores drop, and the annual revenue at risk."
        actions={
          serviceId && (
            <>
              <DownloadMenu what="impact" params={{ serviceId }} id={serviceId} />
              <SaveAsReport title="Impact of retiring a service" query={stringifyDocument(ServiceImpact)} variables={{ serviceId }} />
            </>
          )
        }
      />
      <div class="toolbar">
        <ServicePicker
          value={serviceId}
          chosen={impact?.service}
          label="If we retire"
          onChange={(id) => navigate({ name: 'impact', service: id })}
        />
      </div>
      {!serviceId ? (
        <Empty>Choose a service to see what retiring it would change.</Empty>
      ) : res.error ? (
        <ErrorBox error={res.error} retry={() => reload()} />
      ) : !res.data || res.fetching ? (
        <Loading what="Working out the impact" />
      ) : !impact ? (
        <Empty>
          No service has the id {serviceId}. <a href="/services">See the service catalog</a>.
        </Empty>
      ) : (
        <ImpactReport impact={impact} />
      )}
    </section>
  );
}

type Impact = NonNullable<ServiceImpactQuery['impact']>;

function ImpactReport({ impact }: { impact: Impact }) {
  const s = impact.service;
  const changes = impact.requirements;
  const clients = byDrop(impact.clients);
  return (
    <>
      <div class="kpis impact-kpis">
        <div class="kpi impact-service">
          <span class="kpi-label">Service</span>
          <span class="impact-service-name">
            <a href={`/services/${encodeURIComponent(s.id)}`}>{s.name}</a>
          </span>
          <span class="impact-service-facts">
            <LifecycleBadge lifecycle={s.lifecycle} />
            <span>
              <Money amount={s.monthlyCost} /> a month
            </span>
            {s.ownerTeam && <span class="muted">{s.ownerTeam}</span>}
          </span>
        </div>
        <div class="kpi impact-revenue">
          <span class="kpi-label">Annual revenue at risk</span>
          <span class={`impact-big${/[1-9]/.test(impact.revenueAtRisk) ? ' impact-at-risk' : ''}`}>
            <Money amount={impact.revenueAtRisk} />
          </span>
          <span class="muted small">Contract value of the clients that would lose a covered MUST requirement.</span>
        </div>
        <div class="kpi">
          <span class="kpi-label">What changes</span>
          <span class="kpi-value">{count(changes.length, 'requirement')}</span>
          <span class="muted small">{count(clients.length, 'client')} with a lower score</span>
        </div>
      </div>

      {s.lifecycle === 'RETIRED' && <p class="muted">{s.name} is already retired: its commitments are ignored, so retiring it changes nothing.</p>}

      {changes.length === 0 && clients.length === 0 ? (
        <Empty>
          <strong>Retiring {s.name} changes no requirement's status.</strong> No client's score drops and no revenue is at risk.
        </Empty>
      ) : (
        <ImpactTables name={s.name} changes={changes} clients={clients} />
      )}
    </>
  );
}

function ImpactTables({ name, changes, clients }: { name: string; changes: Impact['requirements']; clients: Impact['clients'] }) {
  return (
    <>
      <h2>Requirements that change status</h2>
      {changes.length === 0 ? (
        <Empty>Retiring {name} changes no requirement's status.</Empty>
      ) : (
        <div class="table-wrap">
          <table class="table impact-table">
            <caption class="visually-hidden">Requirements whose status changes if {name} is retired</caption>
            <thead>
              <tr>
                <th scope="col">Requirement</th>
                <th scope="col" class="impact-wide">
                  Client
                </th>
                <th scope="col" class="impact-wide">
                  Priority
                </th>
                <th scope="col">Status: before → after</th>
              </tr>
            </thead>
            <tbody>
              {changes.map((c) => {
                const client = c.requirement.objective.client;
                return (
                  <tr key={c.requirement.id}>
                    <th scope="row">
                      <a href={`/clients/${encodeURIComponent(client.id)}`}>{c.requirement.title}</a>
                      <span class="muted small block">{c.requirement.objective.title}</span>
                      <span class="impact-inline small block">
                        {client.name} · <span class="impact-priority">{c.requirement.priority}</span>
                      </span>
                    </th>
                    <td class="impact-wide">{client.name}</td>
                    <td class="impact-wide">
                      <span class="impact-priority">{c.requirement.priority}</span>
                    </td>
                    <td>
                      <span class="impact-change">
                        <StatusBadge status={c.before} />
                        <span aria-hidden="true" class="impact-arrow">
                          →
                        </span>
                        <span class="visually-hidden">becomes</span>
                        <StatusBadge status={c.after} />
                      </span>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}

      <h2>Clients whose scores drop</h2>
      {clients.length === 0 ? (
        <Empty>No client's score changes.</Empty>
      ) : (
        <div class="table-wrap">
          <table class="table impact-table">
            <caption class="visually-hidden">Clients whose score changes if {name} is retired, biggest drop first</caption>
            <thead>
              <tr>
                <th scope="col">Client</th>
                <th scope="col" class="num">
                  Score before
                </th>
                <th scope="col" class="num">
                  Score after
                </th>
                <th scope="col" class="num">
                  Change
                </th>
                <th scope="col" class="num">
                  Contract value
                </th>
              </tr>
            </thead>
            <tbody>
              {clients.map((c) => {
                const d = scoreDelta(c.before, c.after);
                return (
                  <tr key={c.client.id}>
                    <th scope="row">
                      <a href={`/clients/${encodeURIComponent(c.client.id)}`}>{c.client.name}</a>
                    </th>
                    <td class="num">{formatScore(c.before)}</td>
                    <td class="num">{formatScore(c.after)}</td>
                    <td class={`num impact-delta${d !== null && d < 0 ? ' impact-drop' : ''}`}>
                      {d !== null && d < 0 && <span aria-hidden="true">▼ </span>}
                      {formatDelta(d)}
                    </td>
                    <td class="num">
                      <Money amount={c.client.annualContractValue} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
