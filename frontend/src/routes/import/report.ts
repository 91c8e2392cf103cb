// The import's report as the server sends it (POST /api/import), and the
// words the view shows of it. Pure functions: tested in report.test.ts.

export interface ImportProblem {
  sheet: string;
  row: number;
  column: string;
  message: string;
}

export interface FieldChange {
  field: string;
  before: string;
  after: string;
}

export interface ImportChange {
  sheet: string;
  row: number;
  action: 'CREATE' | 'UPDATE' | 'DELETE';
  key: string;
  fields: FieldChange[] | null;
  detail?: string;
}

export interface SheetSummary {
  sheet: string;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  deleted: number;
  leftAlone: number;
}

export interface ImportReport {
  id: string;
  dryRun: boolean;
  applied: boolean;
  prune: boolean;
  sheets: SheetSummary[];
  changes: ImportChange[];
  problems: ImportProblem[];
  notices: ImportProblem[];
}

/** Where a problem is, in words: "Requirements, row 14, column coveragePercent". */
export function placeOf(p: { sheet: string; row: number; column?: string }): string {
  const parts = [p.sheet];
  if (p.row > 0) parts.push(`row ${p.row}`);
  if (p.column) parts.push(`column ${p.column}`);
  return parts.join(', ');
}

/** How many rows a report changes (created, updated, removed). */
export function changeCount(r: ImportReport): number {
  return r.sheets.reduce((n, s) => n + s.created + s.updated + s.deleted, 0);
}

/** The headline of a report. */
export function headline(r: ImportReport): string {
  const n = changeCount(r);
  const rows = `${n} ${n === 1 ? 'change' : 'changes'}`;
  if (r.problems.length > 0) {
    return `${r.problems.length} ${r.problems.length === 1 ? 'problem' : 'problems'}: nothing was written. Fix the file and run the dry run again.`;
  }
  if (r.applied) return `Imported: ${rows} written.`;
  if (n === 0) return 'Dry run: the file changes nothing.';
  return `Dry run: ${rows} would be made. Nothing is written until you import.`;
}

/** A field's value as the report shows it. */
export function shown(v: string): string {
  return v === '' ? '(empty)' : v;
}

/** Reads the server's answer: a report, or the error message of a refused request. */
export async function readAnswer(res: Response): Promise<ImportReport> {
  const text = await res.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new Error(`The server answered ${res.status} without a report.`);
  }
  if (!res.ok) {
    const errors = (body as { errors?: { message?: string }[] }).errors;
    throw new Error(errors?.[0]?.message ?? `The server answered ${res.status}.`);
  }
  return body as ImportReport;
}
