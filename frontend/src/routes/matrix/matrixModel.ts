// The coverage matrix as data: requirements (rows) × services (columns), each
// cell a commitment. Pure functions: building the matrix from the API's
// answer, and sorting its rows and columns.
import { staleLabel, type EvidenceLike } from '../../shared/evidence';
import type { CoverageStatus, Lifecycle } from '../../shared/status';

export type Priority = 'MUST' | 'SHOULD' | 'COULD';

export interface MatrixService {
  id: string;
  name: string;
  lifecycle: Lifecycle;
  /** Absent for a token limited to a client (the provider's own). */
  monthlyCost?: string;
}

/** A requirement as the matrix queries ask for it. */
export interface MatrixRequirement {
  id: string;
  title: string;
  priority: Priority;
  coverage: { status: CoverageStatus; percent: number };
  commitments: Array<{ id?: string; coveragePercent: number; holds: boolean; evidence?: EvidenceLike; service: MatrixService }>;
}

/** One commitment: how much of the requirement the service covers, and whether it holds. */
export interface MatrixCell {
  id?: string;
  coveragePercent: number;
  holds: boolean;
  /** Commitment.evidence, where the query asks for it. */
  evidence?: EvidenceLike;
}

export interface MatrixRow {
  id: string;
  title: string;
  priority: Priority;
  status: CoverageStatus;
  percent: number;
  clientId: string;
  clientName: string;
  objectiveTitle: string;
  /** The commitments of the requirement, by service id. */
  cells: Record<string, MatrixCell>;
}

export interface MatrixColumn extends MatrixService {
  /** How many of the matrix's rows the service is committed to. */
  commitments: number;
}

export interface Matrix {
  rows: MatrixRow[];
  columns: MatrixColumn[];
}

/** A requirement with the client and objective it belongs to. */
export interface PlacedRequirement {
  requirement: MatrixRequirement;
  client: { id: string; name: string };
  objectiveTitle: string;
}

/** Builds the matrix: one row per requirement, one column per service committed to any of them. */
export function buildMatrix(items: PlacedRequirement[]): Matrix {
  const columns = new Map<string, MatrixColumn>();
  const rows = items.map(({ requirement: r, client, objectiveTitle }): MatrixRow => {
    const cells: Record<string, MatrixCell> = {};
    for (const c of r.commitments) {
      cells[c.service.id] = { id: c.id, coveragePercent: c.coveragePercent, holds: c.holds, evidence: c.evidence };
      const col = columns.get(c.service.id);
      if (col) col.commitments += 1;
      else columns.set(c.service.id, { ...c.service, commitments: 1 });
    }
    return {
      id: r.id,
      title: r.title,
      priority: r.priority,
      status: r.coverage.status,
      percent: r.coverage.percent,
      clientId: client.id,
      clientName: client.name,
      objectiveTitle,
      cells,
    };
  });
  return { rows, columns: [...columns.values()] };
}

/** Statuses from worst to best: what needs attention first. */
const severity: Record<CoverageStatus, number> = {
  GAP: 0,
  OVERPROMISED: 1,
  UNDER_DELIVERED: 2,
  PLANNED: 3,
  PARTIAL: 4,
  COVERED: 5,
};

const priorityRank: Record<Priority, number> = { MUST: 0, SHOULD: 1, COULD: 2 };

/** The statuses a row is highlighted for: nothing, or nothing that works. */
export function isProblem(status: CoverageStatus): boolean {
  return status === 'GAP' || status === 'OVERPROMISED' || status === 'UNDER_DELIVERED';
}

export type RowSort = 'status' | 'priority' | 'client' | 'title';
export type ColumnSort = 'name' | 'cost' | 'commitments';

export const rowSorts: Array<{ value: RowSort; label: string }> = [
  { value: 'status', label: 'Status (worst first)' },
  { value: 'priority', label: 'Priority (MUST first)' },
  { value: 'client', label: 'Client' },
  { value: 'title', label: 'Title' },
];

export const columnSorts: Array<{ value: ColumnSort; label: string }> = [
  { value: 'name', label: 'Name' },
  { value: 'cost', label: 'Monthly cost (highest first)' },
  { value: 'commitments', label: 'Commitments (most first)' },
];

/** The column sorts a session is offered: not by cost for a token limited to a client, which sees no cost. */
export function columnSortsFor(session: { internal: boolean }): Array<{ value: ColumnSort; label: string }> {
  return session.internal ? columnSorts : columnSorts.filter((s) => s.value !== 'cost');
}

/** Compares names as a reader would: ignoring case and accents. */
export function compareText(a: string, b: string): number {
  return a.localeCompare(b, 'en', { sensitivity: 'base', numeric: true });
}

/** Compares two of the API's decimal amounts ("27000.00") exactly. */
export function compareMoney(a: string, b: string): number {
  const sign = (s: string) => (s.startsWith('-') && /[1-9]/.test(s) ? -1 : 1);
  const sa = sign(a);
  const sb = sign(b);
  if (sa !== sb) return sa - sb;
  const parts = (s: string): [string, string] => {
    const [w = '0', f = ''] = s.replace(/^[-+]/, '').split('.');
    return [w.replace(/^0+(?=\d)/, ''), (f + '00').slice(0, 2)];
  };
  const [wa, fa] = parts(a);
  const [wb, fb] = parts(b);
  const c = wa.length - wb.length || (wa < wb ? -1 : wa > wb ? 1 : 0) || (fa < fb ? -1 : fa > fb ? 1 : 0);
  return sa < 0 ? -c : c;
}

/**
 * Sorts rows by a key; reverse flips that key only. Ties go by status,
 * priority, client and title, so the order is always the same.
 */
export function sortRows(rows: MatrixRow[], by: RowSort, reverse = false): MatrixRow[] {
  const keys: Record<RowSort, (a: MatrixRow, b: MatrixRow) => number> = {
    status: (a, b) => severity[a.status] - severity[b.status] || a.percent - b.percent,
    priority: (a, b) => priorityRank[a.priority] - priorityRank[b.priority],
    client: (a, b) => compareText(a.clientName, b.clientName),
    title: (a, b) => compareText(a.title, b.title),
  };
  const order: RowSort[] = [by, ...(['status', 'priority', 'client', 'title'] as RowSort[]).filter((k) => k !== by)];
  return [...rows].sort((a, b) => {
    for (const k of order) {
      const c = keys[k](a, b);
      if (c !== 0) return k === by && reverse ? -c : c;
    }
    return compareText(a.id, b.id);
  });
}

/** Sorts columns: by name (A to Z), cost or commitments (most first); reverse flips the key. */
export function sortColumns(columns: MatrixColumn[], by: ColumnSort, reverse = false): MatrixColumn[] {
  const primary: Record<ColumnSort, (a: MatrixColumn, b: MatrixColumn) => number> = {
    name: (a, b) => compareText(a.name, b.name),
    cost: (a, b) => compareMoney(b.monthlyCost ?? '0', a.monthlyCost ?? '0'),
    commitments: (a, b) => b.commitments - a.commitments,
  };
  return [...columns].sort((a, b) => {
    const c = primary[by](a, b);
    if (c !== 0) return reverse ? -c : c;
    return compareText(a.name, b.name) || compareText(a.id, b.id);
  });
}

/** What a cell says to a screen reader and in its tooltip. */
export function cellLabel(serviceName: string, cell: MatrixCell | undefined, lifecycle: Lifecycle = 'LIVE'): string {
  if (!cell) return `${serviceName}: not committed`;
  const stale = staleLabel(cell.evidence);
  return `${serviceName}: ${cell.coveragePercent}% coverage, ${cellLook(cell, lifecycle).text}${stale ? `; ${stale}` : ''}`;
}

/** How many rows need attention (status GAP, OVERPROMISED or UNDER_DELIVERED). */
export function problemCount(rows: MatrixRow[]): number {
  return rows.filter((r) => isProblem(r.status)).length;
}

/** How a cell looks: an icon, a word and a tone, so colour is never alone. */
export function cellLook(cell: MatrixCell, lifecycle: Lifecycle): { icon: string; text: string; tone: 'good' | 'bad' | 'info' | 'none' } {
  if (cell.holds) return { icon: '✓', text: 'holds', tone: 'good' };
  if (lifecycle === 'PLANNED') return { icon: '◷', text: 'planned: the service is not live yet', tone: 'info' };
  if (lifecycle === 'RETIRED') return { icon: '◌', text: 'ignored: the service is retired', tone: 'none' };
  return { icon: '✕', text: 'does not hold', tone: 'bad' };
}
