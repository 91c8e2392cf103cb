// The coverage matrix: requirements × services for one client or the whole
// portfolio, each cell a commitment's coverage and whether it holds. The
// portfolio pages through requirements 100 at a time; each page shows the
// services its requirements use.
import { stringifyDocument } from '@urql/core';
import { useQuery } from '@urql/preact';
import { useEffect, useState } from 'preact/hooks';
import { navigate } from '../../shared/navigation';
import type { Route } from '../../shared/router';
import { useSession } from '../../shared/session';
import type { CoverageStatus } from '../../shared/status';
import { graphql } from '../../gql';
import { SaveAsReport } from '../../shared/saveAsReport';
import { DownloadMenu } from '../../shared/download';
import { Empty, ErrorBox, Loading, PageHeader, Pager } from '../../shared/ui';
import { usePaging } from '../../shared/hooks';
import { ClientPicker } from '../../shared/pickers';
import { columnSortsFor, isProblem, rowSorts, type PlacedRequirement } from './matrixModel';
import { MatrixLegend, MatrixTable, type MatrixSorts } from './matrixTable';
import './matrix.css';

// What a row of the matrix needs of a requirement: its status and its
// cells (the services committed, how much, and whether each holds), and
// each service's cost to sort the columns by (the provider's own: every
// query that spreads it declares $internal).
graphql(`
  fragment MatrixCells on Requirement {
    coverage {
      status
      percent
    }
    commitments {
      id
      coveragePercent
      holds
      evidence {
        stale
        reason
        staleSince
      }
      service {
        id
        name
        lifecycle
        monthlyCost @include(if: $internal)
      }
    }
  }
`);

const MatrixRequirements = graphql(`
  query MatrixRequirements($first: Int, $after: String, $filter: RequirementFilter, $internal: Boolean! = true) {
    requirements(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
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
        ...MatrixCells
      }
    }
  }
`);

const MatrixClient = graphql(`
  query MatrixClient($id: ID!, $internal: Boolean! = true) {
    client(id: $id) {
      id
      name
      status
      objectives {
        id
        title
        requirements {
          id
          title
          priority
          ...MatrixCells
        }
      }
    }
  }
`);

const PAGE = 100;
const PROBLEMS: CoverageStatus[] = ['GAP', 'OVERPROMISED', 'UNDER_DELIVERED'];

export default function MatrixView({ route }: { route: Route }) {
  const clientId = route.name === 'matrix' ? route.client : undefined;
  const session = useSession();
  useEffect(() => {
    document.title = 'Coverage matrix · Alliance';
  }, []);
  const [sorts, setSorts] = useState<MatrixSorts>({ rows: 'status', rowsReversed: false, columns: 'name', columnsReversed: false });
  const [attention, setAttention] = useState(false);
  const filter = attention ? { status: PROBLEMS } : null;
  return (
    <section class="page matrix-page" data-view="matrix">
      <PageHeader
        title="Coverage matrix"
        subtitle="Requirements × services: each cell is how much of the requirement the service covers, and whether it holds (live, designed for every target, and delivering)."
        actions={
          <>
            <DownloadMenu what="matrix" params={{ filter: { ...filter, clientId } }} id={clientId} />
            {clientId ? (
              <SaveAsReport title="Coverage matrix of a client" query={stringifyDocument(MatrixClient)} variables={{ id: clientId }} />
            ) : (
              <SaveAsReport title="Coverage matrix" query={stringifyDocument(MatrixRequirements)} variables={{ first: PAGE, filter }} />
            )}
          </>
        }
      />
      <div class="toolbar matrix-toolbar">
        <ClientPicker value={clientId} onChange={(id) => navigate({ name: 'matrix', client: id })} />
        <SortControl
          id="matrix-rows"
          label="Sort requirements by"
          options={rowSorts}
          value={sorts.rows}
          reversed={sorts.rowsReversed}
          onChange={(rows, rowsReversed) => setSorts({ ...sorts, rows, rowsReversed })}
        />
        <SortControl
          id="matrix-columns"
          label="Sort services by"
          options={columnSortsFor(session)}
          value={sorts.columns}
          reversed={sorts.columnsReversed}
          onChange={(columns, columnsReversed) => setSorts({ ...sorts, columns, columnsReversed })}
        />
        <label class="chip matrix-attention">
          <input type="checkbox" checked={attention} onChange={() => setAttention(!attention)} />
          Only what needs attention
        </label>
      </div>
      <MatrixLegend />
      {clientId ? (
        <ClientMatrix id={clientId} sorts={sorts} attention={attention} />
      ) : (
        <PortfolioMatrix sorts={sorts} filter={filter} />
      )}
    </section>
  );
}

function SortControl<T extends string>({
  id,
  label,
  options,
  value,
  reversed,
  onChange,
}: {
  id: string;
  label: string;
  options: Array<{ value: T; label: string }>;
  value: T;
  reversed: boolean;
  onChange: (value: T, reversed: boolean) => void;
}) {
  return (
    <div class="matrix-sort">
      <label for={id}>{label}</label>
      <div class="matrix-sort-controls">
        <select id={id} value={value} onChange={(e) => onChange((e.target as HTMLSelectElement).value as T, false)}>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
        <button type="button" class="button small" aria-pressed={reversed} onClick={() => onChange(value, !reversed)} title="Reverse the order">
          <span aria-hidden="true">⇅</span> Reverse
        </button>
      </div>
    </div>
  );
}

/** The whole portfolio (churned clients left out), a page of requirements at a time. */
function PortfolioMatrix({ sorts, filter }: { sorts: MatrixSorts; filter: { status: CoverageStatus[] } | null }) {
  const paging = usePaging(JSON.stringify(filter));
  const [res, reload] = useQuery({ query: MatrixRequirements, variables: { first: PAGE, after: paging.after, filter } });
  const page = res.data?.requirements;
  if (res.error) {
    return (
      <ErrorBox error={res.error} retry={() => (paging.page > 0 ? paging.first() : reload())} />
    );
  }
  if (!page || res.fetching) return <Loading what="Loading requirements" />;
  if (page.nodes.length === 0) {
    return <Empty>{filter ? 'No requirement is a gap, over-promised or under-delivered.' : 'No requirements yet across the portfolio.'}</Empty>;
  }
  const items: PlacedRequirement[] = page.nodes.map((r) => ({
    requirement: r,
    client: r.objective.client,
    objectiveTitle: r.objective.title,
  }));
  const pager = (
    <Pager paging={paging} list={page} />
  );
  return (
    <>
      {page.totalCount > PAGE && (
        <p class="muted small matrix-note">
          The portfolio has {page.totalCount.toLocaleString('en-US')} requirements: this page shows {page.nodes.length} of them (by title), with the
          services they use; sorting applies to the page.
        </p>
      )}
      <MatrixTable items={items} sorts={sorts} caption="Coverage matrix of the portfolio" showClient />
      {pager}
    </>
  );
}

/** One client's requirements, all of them (a churned client's too). */
function ClientMatrix({ id, sorts, attention }: { id: string; sorts: MatrixSorts; attention: boolean }) {
  const [res, reload] = useQuery({ query: MatrixClient, variables: { id } });
  if (res.error) return <ErrorBox error={res.error} retry={() => reload()} />;
  if (!res.data) return <Loading what="Loading the client's requirements" />;
  const client = res.data.client;
  if (!client) {
    return (
      <Empty>
        No client has the id {id}. <a href="/matrix">Show all clients</a>.
      </Empty>
    );
  }
  const all: PlacedRequirement[] = client.objectives.flatMap((o) =>
    o.requirements.map((r) => ({ requirement: r, client: { id: client.id, name: client.name }, objectiveTitle: o.title })),
  );
  const items = attention ? all.filter((i) => isProblem(i.requirement.coverage.status)) : all;
  return (
    <>
      <p class="matrix-client">
        <a href={`/clients/${encodeURIComponent(client.id)}`}>Open the map of {client.name}</a>
        {client.status === 'CHURNED' && <span class="muted"> · churned: it counts for nothing across the portfolio</span>}
      </p>
      {items.length === 0 ? (
        <Empty>
          {all.length === 0
            ? `${client.name} has no requirements yet.`
            : `None of the ${all.length} requirements of ${client.name} is a gap, over-promised or under-delivered.`}
        </Empty>
      ) : (
        <MatrixTable items={items} sorts={sorts} caption={`Coverage matrix of ${client.name}`} showClient={false} />
      )}
    </>
  );
}
