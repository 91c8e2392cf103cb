// The portfolio: its figures, and every client with its score, gaps, cost
// to serve and margin; searchable, sortable, filterable by status, paged.
// (A token limited to a client lands on its map instead; were it shown
// this view, the provider's costs and margins would be left out.)
import { stringifyDocument } from '@urql/core';
import { useQuery } from '@urql/preact';
import { useState } from 'preact/hooks';
import { navigate } from '../../shared/navigation';
import { useSession } from '../../shared/session';
import { clientStatusLook, type ClientStatus } from '../../shared/status';
import { count } from '../../shared/format';
import { graphql } from '../../gql';
import type { ClientOrderField } from '../../gql/graphql';
import { ClientForm } from '../../shared/editors/client';
import { SaveAsReport } from '../../shared/saveAsReport';
import { DownloadMenu } from '../../shared/download';
import { ClientStatusBadge, Empty, ErrorBox, Loading, Money, PageHeader, Pager, ScoreBar, SortHeader, StatusCounts } from '../../shared/ui';
import { usePaging, useSettled } from '../../shared/hooks';

const PortfolioFigures = graphql(`
  query PortfolioFigures($internal: Boolean! = true) {
    portfolio {
      score
      annualContractValue
      monthlyServiceCost @include(if: $internal)
      orphanMonthlyCost @include(if: $internal)
      statusCounts {
        status
        count
      }
    }
  }
`);

const PortfolioClients = graphql(`
  query PortfolioClients($first: Int, $after: String, $filter: ClientFilter, $orderBy: ClientOrder, $internal: Boolean! = true) {
    clients(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        name
        industry
        status
        annualContractValue
        score
        gapCount
        monthlyCostToServe @include(if: $internal)
        monthlyMargin @include(if: $internal)
      }
    }
  }
`);

const PAGE = 25;

export default function Portfolio() {
  document.title = 'Portfolio · Alliance';
  const session = useSession();
  const [figures, reloadFigures] = useQuery({ query: PortfolioFigures });
  const [search, setSearch] = useState('');
  const debounced = useSettled(search);
  const [status, setStatus] = useState<ClientStatus[]>([]);
  const [sort, setSort] = useState<{ field: ClientOrderField; desc: boolean }>({ field: 'NAME', desc: false });
  const paging = usePaging([debounced, status.join(), sort.field, sort.desc].join('|'));
  const [creating, setCreating] = useState(false);
  const variables = {
    first: PAGE,
    after: paging.after,
    filter: { search: debounced || null, status: status.length ? status : null },
    orderBy: { field: sort.field, direction: sort.desc ? ('DESC' as const) : ('ASC' as const) },
  };
  const [clients, reload] = useQuery({ query: PortfolioClients, variables });
  const p = figures.data?.portfolio;
  const page = clients.data?.clients;
  const sortBy = (field: ClientOrderField) => () =>
    setSort(sort.field === field ? { field, desc: !sort.desc } : { field, desc: field !== 'NAME' });
  return (
    <section class="page" data-view="portfolio">
      <PageHeader
        title="Portfolio"
        subtitle="Every client that counts: prospects and active customers (churned clients count for nothing)."
        actions={
          <>
            <DownloadMenu what="clients" params={{ filter: variables.filter, orderBy: variables.orderBy }} backup={{}} />
            <SaveAsReport title="Clients" query={stringifyDocument(PortfolioClients)} variables={{ ...variables, first: 100, after: undefined }} />
            {session.canEditInternal && (
              <button type="button" class="button primary" onClick={() => setCreating(true)}>
                New client
              </button>
            )}
          </>
        }
      />
      {figures.error ? (
        <ErrorBox error={figures.error} retry={() => reloadFigures()} />
      ) : !p ? (
        <Loading what="Loading the portfolio" />
      ) : (
        <div class="kpis">
          <div class="kpi">
            <span class="kpi-label">Portfolio score</span>
            <ScoreBar score={p.score} label="Portfolio score" />
          </div>
          <div class="kpi">
            <span class="kpi-label">Annual contract value</span>
            <span class="kpi-value">
              <Money amount={p.annualContractValue} />
            </span>
          </div>
          {p.monthlyServiceCost != null && (
            <div class="kpi">
              <span class="kpi-label">Monthly service cost</span>
              <span class="kpi-value">
                <Money amount={p.monthlyServiceCost} />
              </span>
            </div>
          )}
          {p.orphanMonthlyCost != null && (
            <div class="kpi">
              <span class="kpi-label">Waste (orphan services, monthly)</span>
              <span class="kpi-value">
                <a href="/gaps?kind=ORPHAN_SERVICE">
                  <Money amount={p.orphanMonthlyCost} />
                </a>
              </span>
            </div>
          )}
          <div class="kpi wide">
            <span class="kpi-label">Requirements by status</span>
            <StatusCounts counts={p.statusCounts} />
          </div>
        </div>
      )}

      <div class="toolbar" role="search">
        <label class="search">
          <span class="visually-hidden">Search clients</span>
          <input type="search" placeholder="Search clients" value={search} onInput={(e) => setSearch((e.target as HTMLInputElement).value)} />
        </label>
        <fieldset class="chips">
          <legend class="visually-hidden">Client status</legend>
          {(['PROSPECT', 'ACTIVE', 'CHURNED'] as ClientStatus[]).map((s) => (
            <label key={s} class="chip">
              <input
                type="checkbox"
                checked={status.includes(s)}
                onChange={() => setStatus(status.includes(s) ? status.filter((x) => x !== s) : [...status, s])}
              />
              {clientStatusLook[s].label}
            </label>
          ))}
        </fieldset>
      </div>

      {clients.error ? (
        <ErrorBox error={clients.error} retry={() => reload()} />
      ) : !page ? (
        <Loading what="Loading clients" />
      ) : page.nodes.length === 0 ? (
        <Empty>{debounced || status.length ? 'No client matches.' : 'No clients yet.'}</Empty>
      ) : (
        <>
          <div class="table-wrap">
            <table class="table">
              <caption class="visually-hidden">Clients, {count(page.totalCount, 'client')}</caption>
              <thead>
                <tr>
                  <SortHeader label="Client" active={sort.field === 'NAME'} descending={sort.desc} onSort={sortBy('NAME')} />
                  <th scope="col">Status</th>
                  <SortHeader label="Score" active={sort.field === 'SCORE'} descending={sort.desc} onSort={sortBy('SCORE')} />
                  <th scope="col" class="num">
                    Gaps
                  </th>
                  <SortHeader label="Contract value" active={sort.field === 'ANNUAL_CONTRACT_VALUE'} descending={sort.desc} onSort={sortBy('ANNUAL_CONTRACT_VALUE')} />
                  {session.internal && (
                    <>
                      <th scope="col" class="num">
                        Cost to serve / month
                      </th>
                      <SortHeader label="Margin / month" active={sort.field === 'MONTHLY_MARGIN'} descending={sort.desc} onSort={sortBy('MONTHLY_MARGIN')} />
                    </>
                  )}
                </tr>
              </thead>
              <tbody>
                {page.nodes.map((c) => (
                  <tr key={c.id}>
                    <th scope="row">
                      <a href={`/clients/${c.id}`}>{c.name}</a>
                      {c.industry && <span class="muted small block">{c.industry}</span>}
                    </th>
                    <td>
                      <ClientStatusBadge status={c.status} />
                    </td>
                    <td>
                      <ScoreBar score={c.score} label={`Score of ${c.name}`} />
                    </td>
                    <td class="num">{c.gapCount > 0 ? <a href={`/gaps?client=${c.id}`}>{c.gapCount}</a> : <span class="muted">0</span>}</td>
                    <td class="num">
                      <Money amount={c.annualContractValue} />
                    </td>
                    {session.internal && (
                      <>
                        <td class="num">{c.monthlyCostToServe != null && <Money amount={c.monthlyCostToServe} />}</td>
                        <td class="num">{c.monthlyMargin != null && <Money amount={c.monthlyMargin} />}</td>
                      </>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager paging={paging} list={page} />
        </>
      )}
      {creating && (
        <ClientForm
          open={creating}
          onClose={() => setCreating(false)}
          onSaved={(id) => {
            setCreating(false);
            navigate(`/clients/${id}`);
          }}
        />
      )}
    </section>
  );
}
