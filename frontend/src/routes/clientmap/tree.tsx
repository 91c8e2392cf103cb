// The map as a list: objectives, their requirements and, under each, its
// commitments. The same content as the graph, in reading order, for keyboard
// and screen-reader users (and for anyone who prefers a list).
import { StaleMark, stalest } from '../../shared/evidence';
import { formatScore } from '../../shared/format';
import { useSession } from '../../shared/session';
import { statusLook, type CoverageStatus, type Lifecycle } from '../../shared/status';
import { HoldsBadge, LifecycleBadge, StatusBadge } from '../../shared/ui';
import type { EditAction, MapClient, Selection } from './query';

const priorityWord = (p: string) => p.charAt(0) + p.slice(1).toLowerCase();

export function MapTree({
  client,
  selection,
  onSelect,
  onEdit,
}: {
  client: MapClient;
  selection: Selection;
  onSelect: (s: Selection) => void;
  onEdit: (a: EditAction) => void;
}) {
  const session = useSession();
  return (
    <ul class="clientmap-tree" aria-label={`Objectives of ${client.name}, with their requirements and commitments`}>
      {client.objectives.map((o) => (
        <li key={o.id} class="clientmap-tree-objective">
          <div class="clientmap-tree-head">
            <div>
              <h3>
                <span class="clientmap-kind">Objective</span> {o.title}
              </h3>
              <p class="small muted">
                Priority {priorityWord(o.priority)} · score {formatScore(o.score)}
                {o.owner ? ` · owner ${o.owner}` : ''}
              </p>
            </div>
            {session.canEdit && (
              <div class="clientmap-actions">
                <button type="button" class="button small" onClick={() => onEdit({ kind: 'requirement', objectiveId: o.id })}>
                  Add requirement <span class="visually-hidden">to {o.title}</span>
                </button>
                <button type="button" class="button small" onClick={() => onEdit({ kind: 'objective', objective: o })}>
                  Edit <span class="visually-hidden">objective {o.title}</span>
                </button>
                <button type="button" class="button small danger" onClick={() => onEdit({ kind: 'deleteObjective', objective: o })}>
                  Delete <span class="visually-hidden">objective {o.title}</span>
                </button>
              </div>
            )}
          </div>
          {o.requirements.length === 0 ? (
            <p class="clientmap-tree-empty">
              <span aria-hidden="true">□ </span>No requirements yet: an empty objective.
            </p>
          ) : (
            <ul class="clientmap-tree-requirements">
              {o.requirements.map((r) => {
                const selected = selection?.kind === 'requirement' && selection.id === r.id;
                return (
                  <li key={r.id}>
                    <button
                      type="button"
                      class={`clientmap-tree-requirement tone-${statusLook[r.coverage.status as CoverageStatus].tone}${selected ? ' selected' : ''}`}
                      aria-current={selected ? 'true' : undefined}
                      data-node={`requirement-${r.id}`}
                      onClick={() => onSelect({ kind: 'requirement', id: r.id })}
                    >
                      <span class="clientmap-tree-title">{r.title}</span>
                      <StatusBadge status={r.coverage.status as CoverageStatus} />
                      <span class="small">{Math.round(r.coverage.percent)}% covered</span>
                      <span class="small muted">{priorityWord(r.priority)}</span>
                      <StaleMark evidence={stalest(r.commitments.map((c) => c.evidence))} />
                    </button>
                    {r.commitments.length === 0 ? (
                      <p class="clientmap-tree-empty small">No service is committed to it.</p>
                    ) : (
                      <ul class="clientmap-tree-commitments" aria-label={`Commitments to ${r.title}`}>
                        {r.commitments.map((c) => (
                          <li key={c.id} data-commitment={c.id}>
                            <a href={`/services/${encodeURIComponent(c.service.id)}`}>{c.service.name}</a>
                            <LifecycleBadge lifecycle={c.service.lifecycle as Lifecycle} />
                            <span class="small">covers {c.coveragePercent}%</span>
                            <HoldsBadge holds={c.holds} />
                            <StaleMark evidence={c.evidence} />
                          </li>
                        ))}
                      </ul>
                    )}
                  </li>
                );
              })}
            </ul>
          )}
        </li>
      ))}
    </ul>
  );
}
