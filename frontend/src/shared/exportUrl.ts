// The address of a view's download: /api/export/WHAT.FORMAT with the view's
// filters as the server reads them (JSON for objects and lists, text
// otherwise), leaving out empty ones.

export type ExportFormat = 'csv' | 'xlsx';

/** The lists the server exports, as named in /api/export/WHAT. */
export type ExportWhat = 'clients' | 'map' | 'matrix' | 'gaps' | 'services' | 'impact' | 'promise';

/** Drops null, undefined and empty values from an object, recursively; an object left empty is dropped too. */
function compact(v: unknown): unknown {
  if (v === null || v === undefined || v === '') return undefined;
  if (Array.isArray(v)) return v.length ? v : undefined;
  if (typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>)
      .map(([k, x]) => [k, compact(x)] as const)
      .filter(([, x]) => x !== undefined);
    return entries.length ? Object.fromEntries(entries) : undefined;
  }
  return v;
}

/** The URL of a download of what, as format, with params (the view's variables). */
export function exportUrl(what: ExportWhat, format: ExportFormat, params: Record<string, unknown> = {}): string {
  const q = new URLSearchParams();
  for (const [k, raw] of Object.entries(params)) {
    const v = compact(raw);
    if (v === undefined) continue;
    q.set(k, typeof v === 'object' ? JSON.stringify(v) : String(v));
  }
  const s = q.toString();
  return `/api/export/${what}.${format}${s ? `?${s}` : ''}`;
}

/** The file name a download is saved as. */
export function exportFileName(what: ExportWhat, format: ExportFormat, id?: string): string {
  return `${what}${id ? `-${id}` : ''}.${format}`;
}

/** The URL of the JSON export (admins): the whole map, or one client's part. */
export function backupUrl(client?: string): string {
  return `/api/export/all.json${client ? `?client=${encodeURIComponent(client)}` : ''}`;
}

/** The file name the JSON export is saved as. */
export function backupFileName(client?: string): string {
  return `alliance-export${client ? `-client-${client}` : ''}.json`;
}
