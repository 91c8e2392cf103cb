// What the client map reads out of the query's answer: services met through
// commitments, whether their commitments hold, the three levels of every
// target, and what a delete takes with it. Pure functions.
import { count } from '../../shared/format';
import type { Look } from '../../shared/status';
import type { MapShape } from './layout';

/** The least the helpers need of a client's map (the query's answer fits). */
export interface ClientLike {
  objectives: Array<{
    id: string;
    requirements: Array<{
      id: string;
      title: string;
      commitments: Array<{ id: string; holds: boolean; coveragePercent: number; service: { id: string; name: string; lifecycle: string } }>;
    }>;
  }>;
}

/** The map as the layout needs it. */
export function shapeOf(client: ClientLike): MapShape {
  return {
    objectives: client.objectives.map((o) => ({
      id: o.id,
      requirements: o.requirements.map((r) => ({ id: r.id, commitments: r.commitments.map((c) => ({ id: c.id, serviceId: c.service.id })) })),
    })),
  };
}

export interface ServiceUse {
  id: string;
  name: string;
  lifecycle: string;
  /** This client's commitments to the service, with their requirement. */
  uses: Array<{ commitmentId: string; requirementId: string; requirementTitle: string; holds: boolean; coveragePercent: number }>;
  held: number;
}

/** Every service the client's requirements are committed to, by name. */
export function servicesOf(client: ClientLike): ServiceUse[] {
  const byId = new Map<string, ServiceUse>();
  for (const o of client.objectives) {
    for (const r of o.requirements) {
      for (const c of r.commitments) {
        const s = byId.get(c.service.id) ?? { id: c.service.id, name: c.service.name, lifecycle: c.service.lifecycle, uses: [], held: 0 };
        s.uses.push({ commitmentId: c.id, requirementId: r.id, requirementTitle: r.title, holds: c.holds, coveragePercent: c.coveragePercent });
        if (c.holds) s.held++;
        byId.set(s.id, s);
      }
    }
  }
  return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name, 'en', { sensitivity: 'base' }) || a.id.localeCompare(b.id));
}

/** How a service looks on this map: do its commitments here hold? */
export function holdLook(held: number, total: number): Look {
  if (total > 0 && held === total) {
    return { label: total === 1 ? 'Holds' : 'All hold', icon: '✓', tone: 'good', meaning: 'Every commitment of this service here holds.' };
  }
  if (held === 0) {
    return { label: total === 1 ? 'Does not hold' : 'None hold', icon: '✕', tone: 'bad', meaning: 'No commitment of this service here holds.' };
  }
  return { label: `${held} of ${total} hold`, icon: '◐', tone: 'warn', meaning: 'Some commitments of this service here hold, some do not.' };
}

/** The latest value of each metric, by key (the greatest period end, should the list hold several of one metric). */
export function latestByMetric(
  measurements: ReadonlyArray<{ metric: { key: string }; value: number; periodEnd: string }>,
): Map<string, { value: number; periodEnd: string }> {
  const latest = new Map<string, { value: number; periodEnd: string }>();
  for (const m of measurements) {
    const seen = latest.get(m.metric.key);
    if (!seen || Date.parse(m.periodEnd) > Date.parse(seen.periodEnd)) latest.set(m.metric.key, { value: m.value, periodEnd: m.periodEnd });
  }
  return latest;
}

/** Whether a value meets a target in a metric's direction. */
export function meets(value: number, target: number, direction: string): boolean {
  return direction === 'LOWER_IS_BETTER' ? value <= target : value >= target;
}

export interface Counts {
  objectives: number;
  requirements: number;
  commitments: number;
}

/** How many objectives, requirements and commitments hang under a client (or some of its objectives). */
export function countsOf(objectives: ClientLike['objectives']): Counts {
  const requirements = objectives.flatMap((o) => o.requirements);
  return {
    objectives: objectives.length,
    requirements: requirements.length,
    commitments: requirements.reduce((n, r) => n + r.commitments.length, 0),
  };
}

/** "its 4 objectives, 12 requirements and 15 commitments" */
export function clientDeleteText(c: Counts): string {
  if (c.objectives === 0) return 'It has no objectives: nothing else is removed.';
  return `This also removes its ${count(c.objectives, 'objective')}, ${count(c.requirements, 'requirement')} and ${count(c.commitments, 'commitment')}.`;
}

/** "its 3 requirements and 4 commitments" */
export function objectiveDeleteText(c: Counts): string {
  if (c.requirements === 0) return 'It has no requirements: nothing else is removed.';
  return `This also removes its ${count(c.requirements, 'requirement')} and ${count(c.commitments, 'commitment')}.`;
}

/** What deleting a requirement removes; the services stay in the catalog. */
export function requirementDeleteText(services: string[]): string {
  if (services.length === 0) return 'It has no commitments: nothing else is removed.';
  return `This also removes its ${count(services.length, 'commitment')} (to ${listOf(services)}); the services stay in the catalog.`;
}

/** "A", "A and B", "A, B and C" */
export function listOf(names: string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

export type MapMode = 'graph' | 'list';

/** The mode of the map kept in the address bar: ?view=list, else the graph. */
export function modeOf(search: string): MapMode {
  return new URLSearchParams(search).get('view') === 'list' ? 'list' : 'graph';
}

/** The address of the map with a mode and a selected requirement (the graph and none are left out). */
export function mapSearch(search: string, mode: MapMode, requirement: string | null): string {
  const q = new URLSearchParams(search);
  if (mode === 'list') q.set('view', 'list');
  else q.delete('view');
  if (requirement) q.set('req', requirement);
  else q.delete('req');
  const s = q.toString();
  return s ? `?${s}` : '';
}
