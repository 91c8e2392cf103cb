// The service catalog: every service with its owner, lifecycle, monthly
// cost, capacity use and flags; searchable, filterable by lifecycle, paged;
// the rows of a page sortable by name, cost and capacity use. Cost, capacity
// and flags are the provider's own: a token limited to a client sees the
// catalog without them.
import { stringifyDocument } from '@urql/core';
import { useQuery } from '@urql/preact';
import { useState } from 'preact/hooks';
import { count } from '../../shared/format';
import { navigate } from '../../shared/navigation';
import { useSession } from '../../shared/session';
import { lifecycleLook, type Lifecycle } from '../../shared/status';
import { graphql } from '../../gql';
import { ServiceForm } from './editors/service';
import { SaveAsReport } from '../../shared/saveAsReport';
import { DownloadMenu } from '../../shared/download';
import { CapacityBar, Empty, ErrorBox, LifecycleBadge, Loading, Money, PageHeader, Pager, SortHeader } from '../../shared/ui';
import { ServiceFlags } from './Flags';
import { firstDirection, sortServices, type ServiceSortKey } from './sort';
import './catalog.css';
import { usePaging, useSettled } from '../../shared/hooks';

const ServiceCatalog = graphql(`
  query ServiceCatalog($first: Int, $after: String, $filter: ServiceFilter, $internal: Boolean! = true) {
    services(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        name
        ownerTeam
        lifecycle
        monthlyCost @include(if: $internal)
        capacity @include(if: $internal)
        committedUnits @include(if: $internal)
        orphan @include(if: $internal)
        oversubscribed @include(if: $internal)
        commitments {
          id
        }
      }
    }
  }
`);

const PAGE = 25;
const lifecycles: Lifecycle[] = ['PLANNED', 'LIVE', 'RETIRING', 'RETIRED'];

export default function Services() {
  document.title = 'Services · Alliance';
  const session = useSession();
  const [search, setSearch] = useState('');
  const debounced = useSettled(search);
  const [lifecycle, setLifecycle] = useState<Lifecycle[]>([]);
  const [sort, setSort] = useState<{ key: ServiceSortKey; desc: boolean }>({ key: 'name', desc: false });
  const paging = usePaging([debounced, lifecycle.join()].join('|'));
  const [creating, setCreating] = useState(false);
  const variables = {
    first: PAGE,
    after: paging.after,
    filter: { search: debounced || null, lifecycle: lifecycle.length ? lifecycle : null },
  };
  const [result, reload] = useQuery({ query: ServiceCatalog, variables });
  const page = result.data?.services;
  const rows = page ? sortServices(page.nodes, sort.key, sort.desc) : [];
  const sortBy = (key: ServiceSortKey) => () => setSort(sort.key === key ? { key, desc: !sort.desc } : { key, desc: firstDirection(key) });
  const filtered = !!debounced || lifecycle.length > 0;
  const internal = session.internal;
  return (
    <section class="page" data-view="services">
      <PageHeader
        title="Services"
        subtitle={
          internal
            ? 'The service catalog: what each service costs, how much of its capacity is committed, and which cost money without serving anyone (orphans) or carry more than they can (oversubscribed).'
            : 'The service catalog: each service with its owner, lifecycle and commitments to your requirements.'
        }
        actions={
          <>
            <DownloadMenu what="services" params={{ filter: variables.filter }} />
            <SaveAsReport title="Service catalog" query={stringifyDocument(ServiceCatalog)} variables={{ ...variables, first: 100, after: undefined }} />
            {session.canEditInternal && (
              <button type="button" class="button primary" onClick={() => setCreating(true)}>
                New service
              </button>
            )}
          </>
        }
      />

      <div class="toolbar" role="search">
        <label class="search">
          <span class="visually-hidden">Search services by name</span>
          <input type="search" placeholder="Search services" value={search} onInput={(e) => setSearch((e.target as HTMLInputElement).value)} />
        </label>
        <fieldset class="chips">
          <legend class="visually-hidden">Lifecycle</legend>
          {lifecycles.map((l) => (
            <label key={l} class="chip" title={lifecycleLook[l].meaning}>
              <input
                type="checkbox"
                checked={lifecycle.includes(l)}
                onChange={() => setLifecycle(lifecycle.includes(l) ? lifecycle.filter((x) => x !== l) : [...lifecycle, l])}
              />
              <span aria-hidden="true" class={`catalog-chip-icon tone-${lifecycleLook[l].tone}`}>
                {lifecycleLook[l].icon}
              </span>
              {lifecycleLook[l].label}
            </label>
          ))}
        </fieldset>
        <label class="catalog-phone-sort">
          Sort by
          <select
            value={`${sort.key}-${sort.desc ? 'desc' : 'asc'}`}
            onChange={(e) => {
              const [key, dir] = (e.target as HTMLSelectElement).value.split('-') as [ServiceSortKey, string];
              setSort({ key, desc: dir === 'desc' });
            }}
          >
            <option value="name-asc">Name, A to Z</option>
            <option value="name-desc">Name, Z to A</option>
            {internal && (
              <>
                <option value="cost-desc">Monthly cost, highest first</option>
                <option value="cost-asc">Monthly cost, lowest first</option>
                <option value="capacity-desc">Capacity use, fullest first</option>
                <option value="capacity-asc">Capacity use, emptiest first</option>
              </>
            )}
          </select>
        </label>
      </div>

      {result.error ? (
        <ErrorBox error={result.error} retry={() => reload({ requestPolicy: 'network-only' })} />
      ) : !page ? (
        <Loading what="Loading services" />
      ) : page.nodes.length === 0 ? (
        <Empty>
          {filtered ? (
            <>
              No service matches.{' '}
              <button
                type="button"
                class="link-button"
                onClick={() => {
                  setSearch('');
                  setLifecycle([]);
                }}
              >
                Clear the search and filters
              </button>
              .
            </>
          ) : (
            'No services in the catalog yet.'
          )}
        </Empty>
      ) : (
        <>
          <p class="muted small catalog-note" aria-live="polite">
            {count(page.totalCount, 'service')}
            {filtered ? ' match' : ' in the catalog'}. Sorting orders the services of this page.
          </p>
          <div class="table-wrap">
            <table class="table catalog-stack catalog-services">
              <caption class="visually-hidden">Services, {count(page.totalCount, 'service')}</caption>
              <thead>
                <tr>
                  <SortHeader label="Service" active={sort.key === 'name'} descending={sort.desc} onSort={sortBy('name')} />
                  <th scope="col">Owner team</th>
                  <th scope="col">Lifecycle</th>
                  {internal && (
                    <>
                      <SortHeader label="Monthly cost" active={sort.key === 'cost'} descending={sort.desc} onSort={sortBy('cost')} />
                      <SortHeader label="Capacity use" active={sort.key === 'capacity'} descending={sort.desc} onSort={sortBy('capacity')} />
                      <th scope="col">Flags</th>
                    </>
                  )}
                  <th scope="col" class="num">
                    Commitments
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((s) => (
                  <tr key={s.id}>
                    <th scope="row" data-label="Service">
                      <a href={`/services/${s.id}`}>{s.name}</a>
                    </th>
                    <td data-label="Owner team">{s.ownerTeam ?? <span class="muted">—</span>}</td>
                    <td data-label="Lifecycle">
                      <LifecycleBadge lifecycle={s.lifecycle} />
                    </td>
                    {internal && (
                      <>
                        <td class="num" data-label="Monthly cost">
                          {s.monthlyCost != null && <Money amount={s.monthlyCost} />}
                        </td>
                        <td data-label="Capacity use">{s.committedUnits != null && <CapacityBar used={s.committedUnits} capacity={s.capacity} />}</td>
                        <td data-label="Flags">
                          <ServiceFlags orphan={!!s.orphan} oversubscribed={!!s.oversubscribed} none="—" />
                        </td>
                      </>
                    )}
                    <td class="num" data-label="Commitments">
                      {s.commitments.length}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager paging={paging} list={page} />
        </>
      )}
      {creating && (
        <ServiceForm
          open={creating}
          onClose={() => setCreating(false)}
          onSaved={(id) => {
            setCreating(false);
            navigate(`/services/${id}`);
          }}
        />
      )}
    </section>
  );
}
