// The clients behind a service's commitments, from the commitments. Pure.
import type { EvidenceLike } from '../../shared/evidence';

export interface CommitmentRow {
  id: string;
  coveragePercent: number;
  /** Absent for a token limited to a client (the provider's own). */
  capacityUnits?: number | null;
  holds: boolean;
  /** Commitment.evidence, where the view asks for it. */
  evidence?: EvidenceLike;
  requirement: {
    id: string;
    title: string;
    objective: { client: { id: string; name: string; status: string } };
  };
}

export interface ClientBehind {
  id: string;
  name: string;
  status: string;
  commitments: number;
  /** Capacity units of this client's commitments; null when they are not known (not shown to a token limited to a client). */
  units: number | null;
  /** How many of them do not hold. */
  failing: number;
}

const byText = (a: string, b: string): number => a.localeCompare(b, 'en', { sensitivity: 'base' });

/** Commitments ordered by client name, then requirement title. */
export function orderCommitments<T extends CommitmentRow>(rows: readonly T[]): T[] {
  return [...rows].sort(
    (a, b) =>
      byText(a.requirement.objective.client.name, b.requirement.objective.client.name) ||
      byText(a.requirement.title, b.requirement.title) ||
      Number(a.id) - Number(b.id),
  );
}

/** The distinct clients behind commitments, by name, with what they take. */
export function clientsBehind(rows: readonly CommitmentRow[]): ClientBehind[] {
  const by = new Map<string, ClientBehind>();
  for (const c of rows) {
    const client = c.requirement.objective.client;
    const entry = by.get(client.id) ?? { id: client.id, name: client.name, status: client.status, commitments: 0, units: 0, failing: 0 };
    entry.commitments += 1;
    entry.units = entry.units === null || c.capacityUnits == null ? null : entry.units + c.capacityUnits;
    if (!c.holds) entry.failing += 1;
    by.set(client.id, entry);
  }
  return [...by.values()].sort((a, b) => byText(a.name, b.name) || Number(a.id) - Number(b.id));
}
