import { describe, expect, it } from 'vitest';
import {
  activeLinksBySlug,
  codeOnly,
  curlCommand,
  deleteConsequence,
  declaresAfter,
  downloadName,
  downloadProblem,
  expiryChoices,
  importDataFormula,
  pagesAll,
  shareLinkState,
  variablesText,
  withAll,
} from './links';

const paged = `query($kinds: [GapKind!], $first: Int, $after: String) {
  gaps(first: $first, after: $after, filter: {kinds: $kinds}) {
    pageInfo { hasNextPage endCursor }
    nodes { kind message }
  }
}`;

describe('which reports page through every row', () => {
  it('sees $after: String declared, with or without !, with a default', () => {
    expect(declaresAfter(paged)).toBe(true);
    expect(declaresAfter('query Q($after: String!) { clients(after: $after) { nodes { id } } }')).toBe(true);
    expect(declaresAfter('query Q($after:String = null) { a }')).toBe(true);
    expect(declaresAfter('query Q(\n  $first: Int\n  $after :  String\n) { a }')).toBe(true);
  });
  it('ignores $after used but not declared, of another type, in comments and strings', () => {
    expect(declaresAfter('query { clients(after: $after) { nodes { id } } }')).toBe(false);
    expect(declaresAfter('query Q($after: Int) { a }')).toBe(false);
    expect(declaresAfter('query Q($after: [String]) { a }')).toBe(false);
    expect(declaresAfter('query Q($after: Strings) { a }')).toBe(false);
    expect(declaresAfter('# query Q($after: String)\nquery { a }')).toBe(false);
    expect(declaresAfter('query { a(x: "$after: String") }')).toBe(false);
    expect(declaresAfter('query { a(x: """ $after: String \\""" $after: String """) }')).toBe(false);
  });
  it('wants pageInfo with hasNextPage and endCursor as well', () => {
    expect(pagesAll(paged)).toBe(true);
    expect(pagesAll('query($after: String) { clients(after: $after) { nodes { id } } }')).toBe(false);
    expect(pagesAll('query($after: String) { clients(after: $after) { pageInfo { hasNextPage } nodes { id } } }')).toBe(false);
    expect(pagesAll('query { clients { pageInfo { hasNextPage endCursor } nodes { id } } }')).toBe(false);
    expect(pagesAll('# hasNextPage endCursor\nquery($after: String) { a }')).toBe(false);
  });
  it('strips comments and string contents but keeps the code', () => {
    expect(codeOnly('a # b\n"c\\"d" e')).toBe('a \n"" e');
  });
});

describe('report URLs and files', () => {
  it('adds all=true to a plain URL and to a share link', () => {
    expect(withAll('http://h/reports/g.csv')).toBe('http://h/reports/g.csv?all=true');
    expect(withAll('http://h/reports/g.csv?share=17.1.Xy')).toBe('http://h/reports/g.csv?share=17.1.Xy&all=true');
    expect(withAll('/reports/g.json#top')).toBe('/reports/g.json?all=true#top');
  });
  it('names downloads after the slug', () => {
    expect(downloadName('gaps-by-client', 'csv', false)).toBe('gaps-by-client.csv');
    expect(downloadName('gaps-by-client', 'json', true)).toBe('gaps-by-client-all-pages.json');
    expect(downloadName('../x y', 'csv', false)).toBe('x-y.csv');
    expect(downloadName('', 'csv', false)).toBe('report.csv');
  });
  it('reads the server error of a failed download', () => {
    const body = JSON.stringify({ errors: [{ message: 'all=true needs a query that declares $after', extensions: { code: 'INVALID' } }] });
    expect(downloadProblem(400, body)).toBe('The report could not be run (HTTP 400): all=true needs a query that declares $after');
    expect(downloadProblem(401, '')).toMatch(/sign in again/);
    expect(downloadProblem(429, body)).toMatch(/^Too many requests \(429\)/);
    expect(downloadProblem(502, 'Bad gateway')).toBe('The report could not be run (HTTP 502): Bad gateway');
    expect(downloadProblem(500, '')).toBe('The report could not be run (HTTP 500).');
  });
  it('writes the recipes', () => {
    expect(curlCommand('http://h/reports/g.csv?all=true', 'g.csv')).toBe('curl -H "Authorization: Bearer $TOKEN" "http://h/reports/g.csv?all=true" -o g.csv');
    expect(importDataFormula('http://h/r.csv?share=a"b&all=true')).toBe('=IMPORTDATA("http://h/r.csv?share=a""b&all=true")');
  });
  it('shows default variables only when there are some', () => {
    expect(variablesText({})).toBeNull();
    expect(variablesText(null)).toBeNull();
    expect(variablesText({ first: 100 })).toBe('{\n  "first": 100\n}');
  });
});

describe('share links', () => {
  const now = new Date('2026-11-26T12:00:00Z');
  it('offers the four lifetimes as Go durations', () => {
    expect(expiryChoices.map((c) => c.value)).toEqual(['24h', '168h', '720h', '2160h']);
    expect(expiryChoices.map((c) => c.label)).toEqual(['1 day', '7 days', '30 days', '90 days']);
  });
  it('tells active, revoked and expired links', () => {
    expect(shareLinkState({ active: true, revokedAt: null, expiresAt: '2026-12-26T12:00:00Z' }, now)).toBe('active');
    expect(shareLinkState({ active: false, revokedAt: '2026-11-26T11:00:00Z', expiresAt: '2026-12-26T12:00:00Z' }, now)).toBe('revoked');
    expect(shareLinkState({ active: false, revokedAt: null, expiresAt: '2026-11-25T12:00:00Z' }, now)).toBe('expired');
    // Active when loaded, but past its expiry by now.
    expect(shareLinkState({ active: true, revokedAt: null, expiresAt: '2026-11-26T11:59:59Z' }, now)).toBe('expired');
  });
  it('says what a delete takes with it', () => {
    expect(deleteConsequence(0)).toBe('');
    expect(deleteConsequence(1)).toBe(', and this also revokes its 1 share link');
    expect(deleteConsequence(3)).toBe(', and this also revokes its 3 share links');
    expect(deleteConsequence(null)).toBe(', and so do its share links');
  });
  it('counts the links that still work per report', () => {
    const counts = activeLinksBySlug([
      { active: true, report: { slug: 'a' } },
      { active: true, report: { slug: 'a' } },
      { active: false, revokedAt: '2026-01-01T00:00:00Z', report: { slug: 'a' } },
      { active: false, report: { slug: 'b' } },
      { active: true, report: { slug: 'c' } },
    ]);
    expect(counts.get('a')).toBe(2);
    expect(counts.get('b')).toBeUndefined();
    expect(counts.get('c')).toBe(1);
  });
});
