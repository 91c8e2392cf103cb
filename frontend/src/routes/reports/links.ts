// Pure helpers of the Reports view: which reports page through every row,
// the URLs and file names of their downloads, the state of a share link, and
// the snippets that use a report from other tools.
import type { Tone } from '../../shared/status';

/**
 * The query text without its comments and the contents of its strings, so
 * that a "$after" in a comment or a description does not count.
 */
export function codeOnly(query: string): string {
  let out = '';
  let i = 0;
  while (i < query.length) {
    const c = query[i];
    if (c === '#') {
      while (i < query.length && query[i] !== '\n' && query[i] !== '\r') i++;
      continue;
    }
    if (query.startsWith('"""', i)) {
      const end = findBlockStringEnd(query, i + 3);
      out += '""';
      i = end;
      continue;
    }
    if (c === '"') {
      i++;
      while (i < query.length && query[i] !== '"' && query[i] !== '\n') {
        i += query[i] === '\\' ? 2 : 1;
      }
      i++;
      out += '""';
      continue;
    }
    out += c;
    i++;
  }
  return out;
}

function findBlockStringEnd(s: string, from: number): number {
  let i = from;
  while (i < s.length) {
    if (s.startsWith('\\"""', i)) {
      i += 4;
      continue;
    }
    if (s.startsWith('"""', i)) return i + 3;
    i++;
  }
  return s.length;
}

/** Whether the query declares the variable $after as a String (nullable or not, not a list). */
export function declaresAfter(query: string): boolean {
  return /\$after\s*:\s*String\b/.test(codeOnly(query));
}

/**
 * Whether the report's URLs can take ?all=true: the query declares
 * `$after: String` and selects `pageInfo { hasNextPage endCursor }`, as the
 * server requires to page through the connection.
 */
export function pagesAll(query: string): boolean {
  const code = codeOnly(query);
  return declaresAfter(query) && /\bhasNextPage\b/.test(code) && /\bendCursor\b/.test(code);
}

/** The URL with all=true added to its query string. */
export function withAll(url: string): string {
  const [base = '', fragment] = url.split('#', 2);
  const joined = `${base}${base.includes('?') ? '&' : '?'}all=true`;
  return fragment === undefined ? joined : `${joined}#${fragment}`;
}

export type Format = 'csv' | 'json';

/** The name of a downloaded report: "gaps-by-client.csv", "gaps-by-client-all-pages.json". */
export function downloadName(slug: string, format: Format, all: boolean): string {
  const safe = slug.replace(/[^a-z0-9-]+/gi, '-').replace(/^-+|-+$/g, '') || 'report';
  return `${safe}${all ? '-all-pages' : ''}.${format}`;
}

/** What to tell the user when a report URL answers with an error status. */
export function downloadProblem(status: number, body: string): string {
  let message = '';
  try {
    const parsed = JSON.parse(body) as { errors?: Array<{ message?: unknown }> };
    const first = parsed.errors?.[0]?.message;
    if (typeof first === 'string') message = first;
  } catch {
    message = body.trim().slice(0, 300);
  }
  if (status === 401) return 'The server refused your token (401): sign in again.';
  if (status === 403) return `Not allowed (403)${message ? `: ${message}` : '.'}`;
  if (status === 429) return `Too many requests (429): try again in a moment${message ? `. ${message}` : '.'}`;
  return `The report could not be run (HTTP ${status})${message ? `: ${message}` : '.'}`;
}

/** How long a new share link lasts: the choices of the dialog, as Go durations. */
export const expiryChoices: Array<{ value: string; label: string }> = [
  { value: '24h', label: '1 day' },
  { value: '168h', label: '7 days' },
  { value: '720h', label: '30 days' },
  { value: '2160h', label: '90 days' },
];

export const defaultExpiry = '720h';

export type LinkState = 'active' | 'revoked' | 'expired';

/** Whether a share link still works, and if not, why. */
export function shareLinkState(link: { active: boolean; revokedAt?: string | null; expiresAt: string }, now: Date = new Date()): LinkState {
  if (link.revokedAt) return 'revoked';
  if (!link.active) return 'expired';
  const expires = new Date(link.expiresAt);
  return !Number.isNaN(expires.getTime()) && expires.getTime() <= now.getTime() ? 'expired' : 'active';
}

export const linkStateLook: Record<LinkState, { label: string; icon: string; tone: Tone }> = {
  active: { label: 'Active', icon: '✓', tone: 'good' },
  revoked: { label: 'Revoked', icon: '✕', tone: 'bad' },
  expired: { label: 'Expired', icon: '◌', tone: 'none' },
};

/** How many share links of each report still work, by slug. */
export function activeLinksBySlug(links: Array<{ active: boolean; revokedAt?: string | null; report: { slug: string } }>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const l of links) {
    if (!l.active || l.revokedAt) continue;
    counts.set(l.report.slug, (counts.get(l.report.slug) ?? 0) + 1);
  }
  return counts;
}

/** What deleting a report takes with it, after "Its URLs stop working": null when the links are not known. */
export function deleteConsequence(activeLinks: number | null): string {
  if (activeLinks === null) return ', and so do its share links';
  if (activeLinks === 0) return '';
  return activeLinks === 1 ? ', and this also revokes its 1 share link' : `, and this also revokes its ${activeLinks.toLocaleString('en-US')} share links`;
}

/** A curl command that downloads a report with a token kept in $TOKEN. */
export function curlCommand(url: string, file: string): string {
  return `curl -H "Authorization: Bearer $TOKEN" "${url}" -o ${file}`;
}

/** A Google Sheets formula that imports a share link's CSV. */
export function importDataFormula(url: string): string {
  return `=IMPORTDATA("${url.replace(/"/g, '""')}")`;
}

/** The report's default variables as indented JSON, or null when there are none. */
export function variablesText(variables: unknown): string | null {
  if (variables === null || variables === undefined) return null;
  if (typeof variables === 'object' && !Array.isArray(variables) && Object.keys(variables).length === 0) return null;
  return JSON.stringify(variables, null, 2);
}
