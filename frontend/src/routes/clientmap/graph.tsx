// The map as a layered graph, drawn in SVG: objectives, requirements and
// services in three columns; an edge from each objective to its requirements
// and one per commitment, labelled with its coverage, solid when it holds and
// dashed when it does not. Nodes are buttons (in foreignObject) that select.
// Loaded on its own (dynamic import) with the layout it needs.
import type { ComponentChildren } from 'preact';
import { useMemo } from 'preact/hooks';
import { StaleMark, stalest } from '../../shared/evidence';
import { formatScore } from '../../shared/format';
import { lifecycleLook, statusLook, type CoverageStatus, type Lifecycle } from '../../shared/status';
import { layoutMap, type NodeBox } from './layout';
import { holdLook, servicesOf, shapeOf } from './model';
import type { MapClient, MapCommitment, MapObjective, MapRequirement, Selection } from './query';

export interface GraphProps {
  client: MapClient;
  selection: Selection;
  onSelect: (s: Selection) => void;
}

const priorityWord = (p: string) => p.charAt(0) + p.slice(1).toLowerCase();

export default function MapGraph({ client, selection, onSelect }: GraphProps) {
  const layout = useMemo(() => layoutMap(shapeOf(client)), [client]);
  const services = useMemo(() => new Map(servicesOf(client).map((s) => [s.id, s])), [client]);
  const objectives = new Map(client.objectives.map((o) => [o.id, o]));
  const requirements = new Map<string, MapRequirement>();
  const objectiveOf = new Map<string, MapObjective>();
  const commitments = new Map<string, MapCommitment>();
  for (const o of client.objectives) {
    for (const r of o.requirements) {
      requirements.set(r.id, r);
      objectiveOf.set(r.id, o);
      for (const c of r.commitments) commitments.set(c.id, c);
    }
  }
  const active = useMemo(() => activeEdges(layout.edges, selection), [layout, selection]);
  const isSelected = (kind: string, id: string) => selection?.kind === kind && selection.id === id;

  return (
    <div class="clientmap-graph-scroll">
      <div class="clientmap-graph" style={{ width: `${layout.width}px` }}>
        <div class="clientmap-graph-columns" aria-hidden="true">
          {['Objectives', 'Requirements', 'Services'].map((label, i) => (
            <span key={label} style={{ left: `${layout.columns[i] ?? 0}px` }}>
              {label}
            </span>
          ))}
        </div>
        <svg
          width={layout.width}
          height={layout.height}
          viewBox={`0 0 ${layout.width} ${layout.height}`}
          role="group"
          aria-label={`Map of ${client.name}: objectives, then requirements, then services. Choose a node for its details.`}
          class={selection ? 'has-selection' : undefined}
        >
          <g aria-hidden="true">
            {layout.edges.map((e) => {
              const c = e.kind === 'commitment' ? commitments.get(e.id) : undefined;
              const cls = `clientmap-edge ${e.kind}${c ? (c.holds ? ' holds' : ' fails') : ''}${active.has(e.id) ? ' active' : ''}`;
              return <path key={e.id} d={e.path} class={cls} />;
            })}
            {layout.edges.map((e) => {
              const c = e.kind === 'commitment' ? commitments.get(e.id) : undefined;
              if (!c) return null;
              const text = `${c.coveragePercent}% ${c.holds ? '✓' : '✕'}${c.evidence.stale ? ' ⌛ stale' : ''}`;
              const w = text.length * 7 + 8;
              return (
                <g key={`label-${e.id}`} class={`clientmap-edge-label ${c.holds ? 'holds' : 'fails'}${c.evidence.stale ? ' stale' : ''}${active.has(e.id) ? ' active' : ''}`}
                  data-commitment={c.id}>
                  <rect x={e.labelX - w / 2} y={e.labelY - 9} width={w} height={18} rx={9} />
                  <text x={e.labelX} y={e.labelY} dy="0.35em" text-anchor="middle">
                    {text}
                  </text>
                </g>
              );
            })}
          </g>
          {layout.objectives.map((b) => {
            const o = objectives.get(b.id);
            if (!o) return null;
            const empty = o.requirements.length === 0;
            return (
              <Node key={b.id} box={b} tone={empty ? 'warn' : 'none'} kind="objective" selected={isSelected('objective', o.id)}
                onSelect={() => onSelect({ kind: 'objective', id: o.id })} title={o.title}>
                <span class="clientmap-node-kind">
                  <span class="visually-hidden">Objective: </span>
                  <span aria-hidden="true">Objective · </span>
                  {priorityWord(o.priority)}
                </span>
                <span class="clientmap-node-title">{o.title}</span>
                <span class="clientmap-node-meta">
                  {empty ? (
                    <>
                      <span aria-hidden="true">□</span> No requirements
                    </>
                  ) : (
                    <>Score {formatScore(o.score)}</>
                  )}
                </span>
              </Node>
            );
          })}
          {layout.requirements.map((b) => {
            const r = requirements.get(b.id);
            if (!r) return null;
            const look = statusLook[r.coverage.status as CoverageStatus];
            const stale = stalest(r.commitments.map((c) => c.evidence));
            return (
              <Node key={b.id} box={b} tone={look.tone} kind="requirement" selected={isSelected('requirement', r.id)}
                onSelect={() => onSelect({ kind: 'requirement', id: r.id })} title={`${r.title}: ${look.meaning}`}>
                <span class="visually-hidden">Requirement: </span>
                <span class="clientmap-node-title">{r.title}</span>
                <span class="clientmap-node-meta">
                  <strong class="clientmap-node-status">
                    <span aria-hidden="true">{look.icon}</span> {look.label}
                  </strong>
                  <span>{Math.round(r.coverage.percent)}%<span class="visually-hidden"> covered</span></span>
                  <span>{priorityWord(r.priority)}</span>
                  <StaleMark evidence={stale} />
                </span>
              </Node>
            );
          })}
          {layout.services.map((b) => {
            const s = services.get(b.id);
            if (!s) return null;
            const look = holdLook(s.held, s.uses.length);
            const life = lifecycleLook[s.lifecycle as Lifecycle];
            return (
              <Node key={b.id} box={b} tone={look.tone} kind="service" selected={isSelected('service', s.id)}
                onSelect={() => onSelect({ kind: 'service', id: s.id })} title={`${s.name}: ${look.meaning}`}>
                <span class="visually-hidden">Service: </span>
                <span class="clientmap-node-title">{s.name}</span>
                <span class="clientmap-node-meta">
                  <strong class="clientmap-node-status">
                    <span aria-hidden="true">{look.icon}</span> {look.label}
                  </strong>
                  <span>
                    <span aria-hidden="true">{life.icon}</span> {life.label}
                  </span>
                </span>
              </Node>
            );
          })}
        </svg>
      </div>
    </div>
  );
}

function Node({
  box,
  tone,
  kind,
  selected,
  onSelect,
  title,
  children,
}: {
  box: NodeBox;
  tone: string;
  kind: string;
  selected: boolean;
  onSelect: () => void;
  title?: string;
  children: ComponentChildren;
}) {
  return (
    <foreignObject x={box.x} y={box.y} width={box.width} height={box.height}>
      <button
        type="button"
        class={`clientmap-node ${kind} tone-${tone}${selected ? ' selected' : ''}`}
        aria-current={selected ? 'true' : undefined}
        data-node={`${kind}-${box.id}`}
        title={title}
        onClick={onSelect}
      >
        {children}
      </button>
    </foreignObject>
  );
}

/** The edges that touch the selection: its own, and those of the requirements it leads to or comes from. */
function activeEdges(edges: ReturnType<typeof layoutMap>['edges'], selection: Selection): Set<string> {
  const on = new Set<string>();
  if (!selection) return on;
  // Ids are unique within a kind only: an edge is matched by its kind and its end.
  const ofRequirement = (id: string) => edges.filter((e) => (e.kind === 'objective' ? e.to : e.from) === id);
  const requirements =
    selection.kind === 'requirement'
      ? [selection.id]
      : edges
          .filter((e) => (selection.kind === 'objective' ? e.kind === 'objective' && e.from === selection.id : e.kind === 'commitment' && e.to === selection.id))
          .map((e) => (e.kind === 'objective' ? e.to : e.from));
  for (const r of requirements) {
    for (const e of ofRequirement(r)) {
      // From a service, only its own commitments and the objectives above; from an objective, all below.
      if (selection.kind === 'service' && e.kind === 'commitment' && e.to !== selection.id) continue;
      on.add(e.id);
    }
  }
  return on;
}
