// The gap list: everything that needs attention, ranked, filtered by kind
// and client (both kept in the address bar), 25 a page.
import { stringifyDocument } from '@urql/core';
import { useQuery } from '@urql/preact';
import { useEffect } from 'preact/hooks';
import { count } from '../../shared/format';
import { navigate } from '../../shared/navigation';
import { routePath, type Route } from '../../shared/router';
import { gapKindsFor } from '../../shared/portal';
import { useSession } from '../../shared/session';
import { gapKinds, gapLook, type GapKind } from '../../shared/status';
import { graphql } from '../../gql';
import { SaveAsReport } from '../../shared/saveAsReport';
import { DownloadMenu } from '../../shared/download';
import { Empty, ErrorBox, GapBadge, Loading, PageHeader, Pager } from '../../shared/ui';
import { gapLinks, knownKinds, toggleKind } from './gapsModel';
import { usePaging } from '../../shared/hooks';
import { ClientPicker } from '../../shared/pickers';
import './gaps.css';

const GapList = graphql(`
  query GapList($first: Int, $after: String, $filter: GapFilter) {
    gaps(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        kind
        message
        client {
          id
          name
        }
        objective {
          id
          title
        }
        requirement {
          id
          title
        }
        service {
          id
          name
        }
      }
    }
  }
`);

const PAGE = 25;

export default function GapsView({ route }: { route: Route }) {
  const kinds = knownKinds(route.name === 'gaps' ? route.kinds : []);
  const clientId = route.name === 'gaps' ? route.client : undefined;
  const session = useSession();
  useEffect(() => {
    document.title = 'Gaps · Alliance';
  }, []);
  const go = (nextKinds: GapKind[], client: string | undefined) => navigate(routePath({ name: 'gaps', kinds: nextKinds, client }), true);
  const filter = { kinds: kinds.length ? kinds : null, clientId: clientId ?? null };
  const filterKey = `${kinds.join(',')}|${clientId ?? ''}`;
  const paging = usePaging(filterKey);
  const [res, reload] = useQuery({ query: GapList, variables: { first: PAGE, after: paging.after, filter } });
  const page = res.data?.gaps;
  const filtered = kinds.length > 0 || !!clientId;
  return (
    <section class="page gaps-page" data-view="gaps">
      <PageHeader
        title="Gaps"
        subtitle={
          session.internal
            ? 'Everything that needs attention, most important first: requirements by priority, contract value and coverage; then empty objectives; then services by cost.'
            : 'Everything that needs attention, most important first: requirements by priority and coverage, then empty objectives.'
        }
        actions={
          <>
            <DownloadMenu what="gaps" params={{ filter }} />
            <SaveAsReport title="Gaps" query={stringifyDocument(GapList)} variables={{ first: 100, filter }} />
          </>
        }
      />
      <div class="toolbar gaps-toolbar">
        <fieldset class="chips gaps-kinds">
          <legend class="gaps-legend">Kinds</legend>
          {gapKindsFor(gapKinds, session).map((k) => (
            <label key={k} class={`chip gaps-chip tone-${gapLook[k].tone}`} title={gapLook[k].meaning}>
              <input type="checkbox" checked={kinds.includes(k)} onChange={() => go(toggleKind(kinds, k), clientId)} />
              <span aria-hidden="true" class="gaps-chip-icon">
                {gapLook[k].icon}
              </span>
              {gapLook[k].label}
            </label>
          ))}
        </fieldset>
        <ClientPicker value={clientId} onChange={(id) => go(kinds, id)} />
        {filtered && (
          <button type="button" class="button small gaps-clear" onClick={() => navigate('/gaps', true)}>
            Clear filters
          </button>
        )}
      </div>
      {res.error ? (
        <ErrorBox
          error={res.error}
          retry={() => (paging.page > 0 ? paging.first() : reload())}
        />
      ) : !page || res.fetching ? (
        <Loading what="Loading the gaps" />
      ) : page.nodes.length === 0 ? (
        <Empty>
          {filtered ? (
            <>
              Nothing of {kinds.length ? 'these kinds' : 'any kind'}
              {clientId ? ' for this client' : ''} needs attention. <a href="/gaps">Show every gap</a>.
            </>
          ) : (
            session.internal
              ? 'Nothing needs attention: every requirement is covered, every objective has requirements, and no service is orphaned or oversubscribed.'
              : 'Nothing needs attention: every requirement is covered, and every objective has requirements.'
          )}
        </Empty>
      ) : (
        <>
          <p class="gaps-count" aria-live="polite">
            {count(page.totalCount, 'entry', 'entries')}
            {filtered ? ' match' + (page.totalCount === 1 ? 'es' : '') + ' the filters' : ''}.
            {clientId && session.internal && <span class="muted"> Service entries name no client, so a client filter leaves them out.</span>}
          </p>
          <ol class="gaps-list" start={paging.page * PAGE + 1}>
            {page.nodes.map((g, i) => (
              <li key={`${paging.after ?? ''}-${i}`} class={`gaps-entry gaps-entry-${gapLook[g.kind].tone}`}>
                <div class="gaps-entry-head">
                  <GapBadge kind={g.kind} />
                </div>
                <p class="gaps-message">{g.message}</p>
                <ul class="gaps-links" aria-label="About">
                  {gapLinks(g).map((l) => (
                    <li key={l.what}>
                      <span class="muted">{l.what}:</span> <a href={l.href}>{l.label}</a>
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ol>
          <Pager paging={paging} list={page} />
        </>
      )}
    </section>
  );
}
