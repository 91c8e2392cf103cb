// A client's map: objectives → requirements → services, as a layered graph
// (loaded on demand) or as a list, with the client's figures and score
// history, the details of what is selected, and the editing of it all.
// The graph or list choice and the selected requirement are kept in the
// address bar (?view=list&req=ID), so a link shows the same map.
import type { ComponentType } from 'preact';
import { useQuery } from '@urql/preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { problemOf } from '../../shared/api';
import { navigate } from '../../shared/navigation';
import type { Route } from '../../shared/router';
import { useSession } from '../../shared/session';
import { Empty, ErrorBox, Loading, PageHeader } from '../../shared/ui';
import { DetailPanel } from './detail';
import { MapEditors } from './editing';
import type { GraphProps } from './graph';
import { MapHeader } from './header';
import { mapSearch, modeOf, type MapMode } from './model';
import { ClientMapView, type EditAction, type MapClient, type Selection } from './query';
import { MapTree } from './tree';
import './clientmap.css';

/** The selection the address bar names: ?req=ID selects a requirement. */
function selectionOf(search: string): Selection {
  const req = new URLSearchParams(search).get('req');
  return req ? { kind: 'requirement', id: req } : null;
}

export default function ClientMapPage({ route }: { route: Route }) {
  const id = route.name === 'client' ? route.id : '';
  const session = useSession();
  const [result, reexecute] = useQuery({ query: ClientMapView, variables: { id } });
  const [mode, setMode] = useState<MapMode>(() => modeOf(location.search));
  const [selection, setSelection] = useState<Selection>(() => selectionOf(location.search));
  const [action, setAction] = useState<EditAction | null>(null);
  // What to focus once the map has drawn: the details, or the map's heading.
  const focusNext = useRef<'detail' | 'map' | null>(null);

  // A new address (a link, back or forward) sets the mode and the selection.
  useEffect(() => {
    setMode(modeOf(location.search));
    setSelection(selectionOf(location.search));
    setAction(null);
  }, [route]);
  // ...and they are written back to it, without a new history entry.
  useEffect(() => {
    const search = mapSearch(location.search, mode, selection?.kind === 'requirement' ? selection.id : null);
    if (search !== location.search) history.replaceState(history.state, '', location.pathname + search);
  }, [mode, selection]);

  // A stale answer about another client (while the new one loads) is not shown.
  const client: MapClient | null | undefined = result.data?.client?.id === id ? result.data.client : result.data && result.data.client === null ? null : undefined;
  document.title = `${client ? client.name : 'Client map'} · Alliance`;

  useEffect(() => {
    const target = focusNext.current;
    if (!target || !client) return;
    const el = document.getElementById(target === 'detail' ? 'clientmap-detail-title' : 'clientmap-map-title');
    if (el) {
      focusNext.current = null;
      el.focus();
    }
  });

  function select(s: Selection) {
    setSelection(s);
    if (s) focusNext.current = 'detail';
  }
  function closeDetail() {
    const node = selection ? document.querySelector<HTMLElement>(`[data-node="${selection.kind}-${selection.id}"]`) : null;
    setSelection(null);
    if (node) node.focus();
    else focusNext.current = 'map';
  }
  function changed(next?: Selection) {
    setAction(null);
    reexecute({ requestPolicy: 'network-only' });
    if (next !== undefined) {
      setSelection(next);
      focusNext.current = next ? 'detail' : 'map';
    }
  }

  if (result.error && !client) {
    const p = problemOf(result.error);
    if (p?.code === 'NOT_FOUND' || p?.field === 'id') return <NotFound id={id} />;
    return (
      <section class="page" data-view="client">
        <PageHeader title="Client map" />
        <ErrorBox error={result.error} retry={() => reexecute({ requestPolicy: 'network-only' })} />
      </section>
    );
  }
  if (client === null) return <NotFound id={id} />;
  if (!client) {
    return (
      <section class="page" data-view="client">
        <PageHeader title="Client map" />
        <Loading what="Loading the map" />
      </section>
    );
  }

  return (
    <section class="page clientmap" data-view="client">
      <MapHeader client={client} onEdit={setAction} />
      {result.error && <ErrorBox error={result.error} retry={() => reexecute({ requestPolicy: 'network-only' })} />}

      <section class="clientmap-map" aria-labelledby="clientmap-map-title">
        <div class="clientmap-toolbar">
          <h2 id="clientmap-map-title" tabIndex={-1}>
            Map
          </h2>
          <div class="clientmap-switch" role="group" aria-label="Show the map as">
            <button type="button" class="button small" aria-pressed={mode === 'graph'} onClick={() => setMode('graph')}>
              <span aria-hidden="true">⋔ </span>Graph
            </button>
            <button type="button" class="button small" aria-pressed={mode === 'list'} onClick={() => setMode('list')}>
              <span aria-hidden="true">☰ </span>List
            </button>
          </div>
          {result.fetching && (
            <span class="muted small" role="status">
              Updating…
            </span>
          )}
          {session.canEdit && client.objectives.length > 0 && (
            <button type="button" class="button small primary clientmap-add" onClick={() => setAction({ kind: 'objective' })}>
              Add objective
            </button>
          )}
        </div>

        {client.objectives.length === 0 ? (
          <Empty>
            <p>{client.name} has no objectives yet, so there is nothing to map.</p>
            {session.canEdit ? (
              <button type="button" class="button primary" onClick={() => setAction({ kind: 'objective' })}>
                Add objective
              </button>
            ) : (
              <p class="small">An editor can add the client's objectives, then their requirements.</p>
            )}
          </Empty>
        ) : mode === 'graph' ? (
          <>
            <p class="clientmap-scroll-hint small muted">
              <span aria-hidden="true">↔ </span>Scroll the map sideways for requirements and services, or switch to the list.
            </p>
            <LazyGraph client={client} selection={selection} onSelect={select} />
            <Legend />
          </>
        ) : (
          <MapTree client={client} selection={selection} onSelect={select} onEdit={setAction} />
        )}
      </section>

      {selection && <DetailPanel client={client} selection={selection} onSelect={select} onEdit={setAction} onClose={closeDetail} />}

      {action && (
        <MapEditors
          action={action}
          client={client}
          onClose={() => setAction(null)}
          onChanged={changed}
          onClientDeleted={() => {
            setAction(null);
            navigate('/');
          }}
        />
      )}
    </section>
  );
}

function NotFound({ id }: { id: string }) {
  document.title = 'No such client · Alliance';
  return (
    <section class="page" data-view="client">
      <PageHeader title="No such client" />
      <div class="state error" role="alert">
        <strong>No client with id {id}.</strong> It may have been deleted, or the link is wrong. <a href="/">Go to the portfolio</a>
      </div>
    </section>
  );
}

// The graph and its layout are a chunk of their own, loaded the first time a
// graph is shown.
let graphChunk: Promise<{ default: ComponentType<GraphProps> }> | null = null;
const loadGraph = () => (graphChunk ??= import('./graph'));

function LazyGraph(props: GraphProps) {
  const [Graph, setGraph] = useState<ComponentType<GraphProps> | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    loadGraph()
      .then((m) => live && setGraph(() => m.default))
      .catch(() => {
        graphChunk = null;
        if (live) setFailed(true);
      });
    return () => {
      live = false;
    };
  }, []);
  if (failed) return <ErrorBox error="The graph could not be loaded. Reload the page, or switch to the list." />;
  if (!Graph) return <Loading what="Drawing the map" />;
  return <Graph {...props} />;
}

function Legend() {
  return (
    <ul class="clientmap-legend small" aria-label="How to read the graph">
      <li>
        <svg width="36" height="10" aria-hidden="true">
          <line x1="0" y1="5" x2="36" y2="5" class="clientmap-edge commitment holds" />
        </svg>
        A commitment that holds, with its coverage percent and ✓
      </li>
      <li>
        <svg width="36" height="10" aria-hidden="true">
          <line x1="0" y1="5" x2="36" y2="5" class="clientmap-edge commitment fails" />
        </svg>
        A commitment that does not hold (dashed, ✕)
      </li>
      <li>
        <span aria-hidden="true">⌛</span> stale: its evidence is stale (no measurement of a targeted metric within the metric's freshness window)
      </li>
      <li>Requirements show their coverage status; services whether their commitments here hold. Choose a node for its details.</li>
    </ul>
  );
}
