// Reading what is typed in the map's editors before it is sent: numbers,
// target rows and a commitment's figures. A problem found here names its
// field the way the server does ("targets.1.value"), so it shows at the same
// place as the server's own.
import type { Problem } from '../../../shared/api';

/** Reads a whole number; empty is undefined (the server's default applies). */
export function parseWhole(text: string): { value?: number; error?: string } {
  const t = text.trim();
  if (t === '') return {};
  if (!/^[-+]?\d+$/.test(t)) return { error: 'Enter a whole number.' };
  return { value: Number(t) };
}

/** Reads a number (a dot or a comma for decimals); empty is an error. */
export function parseNumber(text: string): { value?: number; error?: string } {
  const t = text.trim().replace(',', '.');
  if (t === '') return { error: 'Enter a value.' };
  if (!/^[-+]?(\d+\.?\d*|\.\d+)$/.test(t)) return { error: 'Enter a number, such as 99.9.' };
  return { value: Number(t) };
}

/** A target as typed: a metric key and a value. */
export interface TargetRow {
  metric: string;
  value: string;
}

/** The targets to send, or the first problem with a row. */
export function targetsInputOf(rows: TargetRow[]): { targets: Array<{ metric: string; value: number }>; problem?: undefined } | { problem: Problem } {
  const targets: Array<{ metric: string; value: number }> = [];
  for (const [i, r] of rows.entries()) {
    if (!r.metric) return { problem: { message: 'Choose a metric.', field: `targets.${i}.metric` } };
    const n = parseNumber(r.value);
    if (n.error !== undefined || n.value === undefined) return { problem: { message: n.error ?? 'Enter a value.', field: `targets.${i}.value` } };
    targets.push({ metric: r.metric, value: n.value });
  }
  return { targets };
}

/** The first metric key not used by a row yet (or the first of all). */
export function nextMetric(keys: string[], rows: TargetRow[]): string {
  return keys.find((k) => !rows.some((r) => r.metric === k)) ?? keys[0] ?? '';
}

/** Where a problem shows in a list of rows: at a row's field, at the row, or above the list. */
export function rowProblem(problem: Problem | null, list: string, i: number, field?: string): string | undefined {
  const f = problem?.field;
  if (!problem || !f) return undefined;
  const at = field ? `${list}.${i}.${field}` : `${list}.${i}`;
  return f === at || (field !== undefined && f.startsWith(`${at}.`)) ? problem.message : undefined;
}

/** A commitment's figures as typed. */
export interface CommitmentFigures {
  coveragePercent: string;
  capacityUnits: string;
  note: string;
}

/** The figures to send, or the first problem with them. */
export function commitmentInputOf(v: CommitmentFigures):
  | { input: { coveragePercent?: number; capacityUnits?: number; note: string | null }; problem?: undefined }
  | { problem: Problem } {
  const percent = parseWhole(v.coveragePercent);
  if (percent.error) return { problem: { message: percent.error, field: 'coveragePercent' } };
  const units = parseWhole(v.capacityUnits);
  if (units.error) return { problem: { message: units.error, field: 'capacityUnits' } };
  const input: { coveragePercent?: number; capacityUnits?: number; note: string | null } = { note: v.note.trim() || null };
  if (percent.value !== undefined) input.coveragePercent = percent.value;
  if (units.value !== undefined) input.capacityUnits = units.value;
  return { input };
}
