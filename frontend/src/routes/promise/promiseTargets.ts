// The targets of a promise check, as the form holds them and as the address
// bar carries them: ?t=support_hours:168,response_minutes:15. Pure functions.

/** One row of the form: a metric key and the value as typed. */
export interface TargetRow {
  metric: string;
  value: string;
}

/** A target as the API takes it. */
export interface Target {
  metric: string;
  value: number;
}

/** A problem with one row, found before asking the server or named by it. */
export interface RowProblem {
  index: number;
  part: 'metric' | 'value';
  message: string;
}

export type Direction = 'HIGHER_IS_BETTER' | 'LOWER_IS_BETTER';

/** Reads "metric:value,metric:value" (the decoded t parameter); empty pieces are skipped. */
export function parseTargets(text: string | null | undefined): TargetRow[] {
  if (!text) return [];
  return text
    .split(',')
    .map((piece) => piece.trim())
    .filter((piece) => piece !== '')
    .map((piece) => {
      const at = piece.indexOf(':');
      if (at < 0) return { metric: piece, value: '' };
      return { metric: piece.slice(0, at).trim(), value: piece.slice(at + 1).trim() };
    });
}

/** Writes rows as "metric:value,metric:value"; rows with neither metric nor value are left out. */
export function printTargets(rows: TargetRow[]): string {
  return rows
    .map((r) => ({ metric: r.metric.trim(), value: r.value.trim() }))
    .filter((r) => r.metric !== '' || r.value !== '')
    .map((r) => `${r.metric}:${r.value}`)
    .join(',');
}

/** The t parameter of the address bar (decoded), from a search string such as location.search. */
export function targetsParam(search: string): string {
  return new URLSearchParams(search).get('t') ?? '';
}

/** The path of a promise check: /promise?t=… (commas and colons kept readable). */
export function promisePath(rows: TargetRow[]): string {
  const text = printTargets(rows);
  if (!text) return '/promise';
  const encoded = encodeURIComponent(text).replace(/%2C/gi, ',').replace(/%3A/gi, ':');
  return `/promise?t=${encoded}`;
}

/** Reads a typed value as a number: "168", "99.95", " 15 "; null when it is not one. */
export function parseValue(text: string): number | null {
  const t = text.trim();
  if (t === '' || !/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(t)) return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : null;
}

/**
 * The targets to send, and the problems that keep them from being sent (a row
 * without a metric or with a value that is not a number). Indexes are those of
 * the rows given, which are also those the server names (targets.N.metric).
 */
export function targetsOf(rows: TargetRow[]): { targets: Target[]; problems: RowProblem[] } {
  const targets: Target[] = [];
  const problems: RowProblem[] = [];
  rows.forEach((r, index) => {
    const metric = r.metric.trim();
    const value = parseValue(r.value);
    if (!metric) problems.push({ index, part: 'metric', message: 'Choose a metric.' });
    if (value === null) {
      problems.push({ index, part: 'value', message: r.value.trim() ? `“${r.value.trim()}” is not a number.` : 'Enter a value.' });
    }
    if (metric && value !== null) targets.push({ metric, value });
  });
  return { targets, problems };
}

/** Rows worth keeping: those with a metric or a value. */
export function filledRows(rows: TargetRow[]): TargetRow[] {
  return rows.filter((r) => r.metric.trim() !== '' || r.value.trim() !== '');
}

/** Reads the field the server names ("targets.1.metric") as a row and a part; null for anything else. */
export function problemAt(field: string | undefined, message: string): RowProblem | null {
  const m = /^targets\.(\d+)(?:\.(metric|value))?$/.exec(field ?? '');
  if (!m) return null;
  return { index: Number(m[1]), part: m[2] === 'value' ? 'value' : 'metric', message };
}

/** The hint after a value: what is also good enough. */
export function directionHint(direction: Direction | undefined): string {
  if (direction === 'HIGHER_IS_BETTER') return 'or better (higher is better)';
  if (direction === 'LOWER_IS_BETTER') return 'or better (lower is better)';
  return '';
}

/** What spare capacity means for a match. */
export function spareLook(spare: number | null | undefined): { text: string; oversubscribed: boolean } {
  if (spare === null || spare === undefined) return { text: 'no set capacity', oversubscribed: false };
  if (spare < 0) return { text: `oversubscribed by ${-spare} ${-spare === 1 ? 'unit' : 'units'}`, oversubscribed: true };
  return { text: `${spare} ${spare === 1 ? 'unit' : 'units'}`, oversubscribed: false };
}
