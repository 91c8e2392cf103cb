// The panel of what is selected on the map. A requirement: its targets, and
// for each commitment the three levels (promised, designed, measured) and the
// shortfalls in plain words. An objective or a service: what hangs on it.
import type { ComponentChildren } from 'preact';
import { describeShortfall, formatDate, formatLevel } from '../../shared/format';
import { viewAvailable } from '../../shared/portal';
import { useSession } from '../../shared/session';
import { type CoverageStatus, type Lifecycle } from '../../shared/status';
import { StaleMark } from '../../shared/evidence';
import { Flag, HoldsBadge, LifecycleBadge, ScoreBar, StatusBadge } from '../../shared/ui';
import { holdLook, latestByMetric, meets, servicesOf } from './model';
import type { EditAction, MapClient, MapCommitment, MapObjective, MapRequirement, Selection } from './query';

interface PanelProps {
  client: MapClient;
  selection: NonNullable<Selection>;
  onSelect: (s: Selection) => void;
  onEdit: (a: EditAction) => void;
  onClose: () => void;
}

/** The detail panel of the selection; null when the selection is no longer on the map. */
export function DetailPanel(props: PanelProps) {
  const { client, selection } = props;
  if (selection.kind === 'requirement') {
    for (const o of client.objectives) {
      const r = o.requirements.find((x) => x.id === selection.id);
      if (r) return <RequirementPanel {...props} objective={o} requirement={r} />;
    }
  } else if (selection.kind === 'objective') {
    const o = client.objectives.find((x) => x.id === selection.id);
    if (o) return <ObjectivePanel {...props} objective={o} />;
  } else {
    const s = servicesOf(client).find((x) => x.id === selection.id);
    if (s) return <ServicePanel {...props} service={s} />;
  }
  return null;
}

function Panel({ kind, title, onClose, children }: { kind: string; title: ComponentChildren; onClose: () => void; children: ComponentChildren }) {
  return (
    <section class="card clientmap-detail" aria-labelledby="clientmap-detail-title">
      <header class="clientmap-detail-head">
        <div>
          <p class="clientmap-kind">{kind}</p>
          <h2 id="clientmap-detail-title" tabIndex={-1}>
            {title}
          </h2>
        </div>
        <button type="button" class="button small" onClick={onClose}>
          Close <span class="visually-hidden">the details</span>
        </button>
      </header>
      {children}
    </section>
  );
}

const priorityWord = (p: string) => p.charAt(0) + p.slice(1).toLowerCase();

function RequirementPanel({ objective, requirement: r, onEdit, onClose, onSelect }: PanelProps & { objective: MapObjective; requirement: MapRequirement }) {
  const session = useSession();
  return (
    <Panel kind="Requirement" title={r.title} onClose={onClose}>
      <div class="clientmap-facts">
        <StatusBadge status={r.coverage.status as CoverageStatus} />
        <span>{Math.round(r.coverage.percent)}% covered</span>
        <span>
          Priority <strong>{priorityWord(r.priority)}</strong>
        </span>
        <span>
          Objective{' '}
          <button type="button" class="link-button" onClick={() => onSelect({ kind: 'objective', id: objective.id })}>
            {objective.title}
          </button>
        </span>
      </div>
      {r.description ? <p>{r.description}</p> : <p class="muted">No description.</p>}
      {session.canEdit && (
        <div class="clientmap-actions">
          <button type="button" class="button small primary" onClick={() => onEdit({ kind: 'commitment', requirement: r })}>
            Commit a service
          </button>
          <button type="button" class="button small" onClick={() => onEdit({ kind: 'requirement', objectiveId: objective.id, requirement: r })}>
            Edit requirement
          </button>
          <button type="button" class="button small danger" onClick={() => onEdit({ kind: 'deleteRequirement', requirement: r })}>
            Delete requirement
          </button>
        </div>
      )}
      <h3>Targets</h3>
      {r.targets.length === 0 ? (
        <p class="muted">No targets: a functional requirement. Any working service committed to it meets it.</p>
      ) : (
        <ul class="clientmap-targets">
          {r.targets.map((t) => (
            <li key={t.metric.key}>
              {t.metric.name}: <strong>{formatLevel(t.value, t.metric.unit)}</strong>{' '}
              <span class="muted small">({t.metric.direction === 'LOWER_IS_BETTER' ? 'at most' : 'at least'})</span>
            </li>
          ))}
        </ul>
      )}
      <h3>Commitments</h3>
      {r.commitments.length === 0 ? (
        <p class="muted">No service is committed to it{r.coverage.status === 'GAP' ? ': a gap.' : '.'}</p>
      ) : (
        r.commitments.map((c) => <CommitmentDetail key={c.id} requirement={r} commitment={c} canEdit={session.canEdit} onEdit={onEdit} />)
      )}
    </Panel>
  );
}

function CommitmentDetail({ requirement: r, commitment: c, canEdit, onEdit }: { requirement: MapRequirement; commitment: MapCommitment; canEdit: boolean; onEdit: (a: EditAction) => void }) {
  const s = c.service;
  const latest = latestByMetric(s.latestMeasurements);
  const shortfalls = r.coverage.shortfalls.filter((f) => f.service.id === s.id);
  const lifecycle = s.lifecycle as Lifecycle;
  return (
    <article class={`clientmap-commitment tone-${c.holds ? 'good' : 'bad'}`}>
      <header class="clientmap-commitment-head">
        <h4>
          <a href={`/services/${encodeURIComponent(s.id)}`}>{s.name}</a>
        </h4>
        <LifecycleBadge lifecycle={lifecycle} />
        <HoldsBadge holds={c.holds} />
        <StaleMark evidence={c.evidence} />
      </header>
      {c.evidence.reason && <p class="small clientmap-stale-reason">{c.evidence.reason}</p>}
      <p class="small">
        Covers <strong>{c.coveragePercent}%</strong> of the requirement
        {c.capacityUnits != null && (
          <>
            {' '}
            · takes {c.capacityUnits} capacity {c.capacityUnits === 1 ? 'unit' : 'units'}
          </>
        )}
        {c.note ? <> · {c.note}</> : null}
      </p>
      {r.targets.length > 0 && (
        <div class="table-wrap">
          <table class="table clientmap-levels">
            <caption class="visually-hidden">Promised, designed and measured levels of {s.name}</caption>
            <thead>
              <tr>
                <th scope="col">Metric</th>
                <th scope="col">Promised</th>
                <th scope="col">Designed</th>
                <th scope="col">Measured (latest)</th>
              </tr>
            </thead>
            <tbody>
              {r.targets.map((t) => {
                const designed = s.designedLevels.find((l) => l.metric.key === t.metric.key);
                const measured = latest.get(t.metric.key);
                return (
                  <tr key={t.metric.key}>
                    <th scope="row">{t.metric.name}</th>
                    <td>{formatLevel(t.value, t.metric.unit)}</td>
                    <td>
                      {designed ? (
                        <Level ok={meets(designed.value, t.value, t.metric.direction)} text={formatLevel(designed.value, t.metric.unit)} />
                      ) : (
                        <Level ok={false} text="not designed for it" />
                      )}
                    </td>
                    <td>
                      {measured ? (
                        <>
                          <Level ok={meets(measured.value, t.value, t.metric.direction)} text={formatLevel(measured.value, t.metric.unit)} />{' '}
                          <span class="muted small">to {formatDate(measured.periodEnd)}</span>
                        </>
                      ) : (
                        <span class="muted">not measured</span>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {shortfalls.length > 0 && (
        <ul class="clientmap-shortfalls">
          {shortfalls.map((f) => (
            <li key={f.metric.key}>
              <span aria-hidden="true">✕ </span>
              {capitalise(
                describeShortfall({
                  required: f.required,
                  designed: f.designed,
                  measured: f.measured,
                  unit: f.metric.unit,
                  metricName: f.metric.name,
                  serviceName: f.service.name,
                }),
              )}
              .
            </li>
          ))}
        </ul>
      )}
      {!c.holds && shortfalls.length === 0 && <p class="small clientmap-why">{notActive(lifecycle)}</p>}
      {canEdit && (
        <div class="clientmap-actions">
          <button type="button" class="button small" onClick={() => onEdit({ kind: 'commitment', requirement: r, commitment: c })}>
            Edit commitment <span class="visually-hidden">of {s.name}</span>
          </button>
          <button type="button" class="button small danger" onClick={() => onEdit({ kind: 'deleteCommitment', requirement: r, commitment: c })}>
            Delete commitment <span class="visually-hidden">of {s.name}</span>
          </button>
        </div>
      )}
    </article>
  );
}

/** A designed or measured level, with a mark that says whether it meets the promise. */
function Level({ ok, text }: { ok: boolean; text: string }) {
  return (
    <span class={`clientmap-level tone-${ok ? 'good' : 'bad'}`}>
      <span aria-hidden="true">{ok ? '✓' : '✕'} </span>
      {text}
      <span class="visually-hidden">{ok ? ' (meets the promise)' : ' (misses the promise)'}</span>
    </span>
  );
}

/** Why a commitment with no shortfall does not hold: its service is not active. */
function notActive(lifecycle: Lifecycle): string {
  if (lifecycle === 'PLANNED') return 'The service is not live yet: this commitment counts as planned coverage.';
  if (lifecycle === 'RETIRED') return 'The service is retired: this commitment is ignored.';
  return 'This commitment does not count toward coverage.';
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function ObjectivePanel({ objective: o, onEdit, onClose, onSelect }: PanelProps & { objective: MapObjective }) {
  const session = useSession();
  return (
    <Panel kind="Objective" title={o.title} onClose={onClose}>
      <div class="clientmap-facts">
        <span>
          Priority <strong>{priorityWord(o.priority)}</strong>
        </span>
        <span>Owner: {o.owner ?? <span class="muted">none recorded</span>}</span>
        <ScoreBar score={o.score} label={`Score of ${o.title}`} />
      </div>
      {o.description ? <p>{o.description}</p> : <p class="muted">No description.</p>}
      {session.canEdit && (
        <div class="clientmap-actions">
          <button type="button" class="button small primary" onClick={() => onEdit({ kind: 'requirement', objectiveId: o.id })}>
            Add requirement
          </button>
          <button type="button" class="button small" onClick={() => onEdit({ kind: 'objective', objective: o })}>
            Edit objective
          </button>
          <button type="button" class="button small danger" onClick={() => onEdit({ kind: 'deleteObjective', objective: o })}>
            Delete objective
          </button>
        </div>
      )}
      <h3>Requirements</h3>
      {o.requirements.length === 0 ? (
        <p class="muted">No requirements yet: an empty objective.</p>
      ) : (
        <ul class="clientmap-plain">
          {o.requirements.map((r) => (
            <li key={r.id}>
              <button type="button" class="link-button" onClick={() => onSelect({ kind: 'requirement', id: r.id })}>
                {r.title}
              </button>{' '}
              <StatusBadge status={r.coverage.status as CoverageStatus} />
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}

function ServicePanel({ service: s, onClose, onSelect }: PanelProps & { service: ReturnType<typeof servicesOf>[number] }) {
  const session = useSession();
  const look = holdLook(s.held, s.uses.length);
  return (
    <Panel kind="Service" title={s.name} onClose={onClose}>
      <div class="clientmap-facts">
        <LifecycleBadge lifecycle={s.lifecycle as Lifecycle} />
        <Flag tone={look.tone} icon={look.icon}>
          {look.label}
        </Flag>
        <a href={`/services/${encodeURIComponent(s.id)}`}>The service's page</a>
        {viewAvailable('impact', session) && <a href={`/impact?service=${encodeURIComponent(s.id)}`}>Impact of retiring it</a>}
      </div>
      <h3>Committed here to</h3>
      <ul class="clientmap-plain">
        {s.uses.map((u) => (
          <li key={u.commitmentId}>
            <button type="button" class="link-button" onClick={() => onSelect({ kind: 'requirement', id: u.requirementId })}>
              {u.requirementTitle}
            </button>{' '}
            · {u.coveragePercent}%{' '}
            <HoldsBadge holds={u.holds} />
          </li>
        ))}
      </ul>
    </Panel>
  );
}
