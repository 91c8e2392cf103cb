// Reading an impact: how far a score falls. Pure functions.
import { formatScore } from '../../shared/format';

/** The change of a score, to one decimal: after − before; null when either is missing. */
export function scoreDelta(before: number | null | undefined, after: number | null | undefined): number | null {
  if (before === null || before === undefined || after === null || after === undefined) return null;
  return Math.round((after - before) * 10) / 10;
}

/** Writes a change of score with its sign: "−13.6", "+2", "0"; a dash without one. */
export function formatDelta(delta: number | null): string {
  if (delta === null) return '—';
  if (delta === 0) return '0';
  return `${delta < 0 ? '−' : '+'}${formatScore(Math.abs(delta))}`;
}

/** Biggest drop first, then by name. */
export function byDrop<T extends { before: number | null; after: number | null; client: { name: string } }>(changes: T[]): T[] {
  const d = (c: T) => scoreDelta(c.before, c.after) ?? 0;
  return [...changes].sort((a, b) => d(a) - d(b) || a.client.name.localeCompare(b.client.name, 'en', { sensitivity: 'base' }));
}
