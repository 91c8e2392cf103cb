// Downloads: a viewer (and a client portal) saves the gap list it is looking
// at, with its filter, as CSV and as XLSX from the Download menu; the files
// hold exactly the entries the API lists for that filter, every page.
import { readFile } from 'node:fs/promises';
import { strFromU8, unzipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { createToken, gql } from './api';
import { describeInBrowser, waitForView, type Server } from './browser';

/** Reads RFC 4180 CSV (quoted fields, doubled quotes, CRLF). */
function parseCSV(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  if (cell !== '' || row.length) rows.push([...row, cell]);
  return rows;
}

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const unescapeXML = (s: string) =>
  s.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (m, e: string) =>
    e.startsWith('#x') ? String.fromCodePoint(parseInt(e.slice(2), 16)) : e.startsWith('#') ? String.fromCodePoint(Number(e.slice(1))) : (entities[e] ?? m),
  );

/** Column number (0-based) of a cell reference such as "AB12". */
function columnOf(ref: string): number {
  let n = 0;
  for (const ch of ref.replace(/\d+$/, '')) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** Reads the first worksheet of a workbook: inline strings and numbers, as the server writes them. */
function readXLSX(bytes: Uint8Array): string[][] {
  const files = unzipSync(bytes);
  expect(Object.keys(files)).toContain('xl/workbook.xml');
  const part = files['xl/worksheets/sheet1.xml'];
  if (!part) throw new Error(`no first worksheet in ${Object.keys(files).join(', ')}`);
  const sheet = strFromU8(part);
  const rows: string[][] = [];
  for (const [, body = ''] of sheet.matchAll(/<row[^>]*>(.*?)<\/row>/gs)) {
    const row: string[] = [];
    for (const [, ref = 'A1', inner] of body.matchAll(/<c r="([A-Z]+\d+)"[^>]*?(?:\/>|>(.*?)<\/c>)/gs)) {
      const text = /<t[^>]*>(.*?)<\/t>/s.exec(inner ?? '')?.[1] ?? /<v>(.*?)<\/v>/s.exec(inner ?? '')?.[1] ?? '';
      row[columnOf(ref)] = unescapeXML(text);
    }
    rows.push(Array.from(row, (c) => c ?? ''));
  }
  return rows;
}

/** Every gap of the filter, as the API lists them (every page). */
async function gapsOf(server: Server, token: string, kinds: string[]): Promise<Array<{ kind: string; message: string }>> {
  const all: Array<{ kind: string; message: string }> = [];
  let after: string | null = null;
  for (;;) {
    type Page = { gaps: { pageInfo: { hasNextPage: boolean; endCursor: string }; nodes: Array<{ kind: string; message: string }> } };
    const page: Page = await gql<Page>(
      server,
      `query E2EDownloadGaps($after: String, $kinds: [GapKind!]) { gaps(first: 10, after: $after, filter: { kinds: $kinds }) { pageInfo { hasNextPage endCursor } nodes { kind message } } }`,
      { after, kinds },
      token,
    );
    all.push(...page.gaps.nodes);
    if (!page.gaps.pageInfo.hasNextPage) return all;
    after = page.gaps.pageInfo.endCursor;
  }
}

/** Chooses a format in the view's Download menu and returns the saved file's name and bytes. */
async function download(page: Page, label: RegExp): Promise<{ name: string; bytes: Uint8Array }> {
  await page.getByText('Download', { exact: true }).click();
  const saved = page.waitForEvent('download');
  await page.getByRole('button', { name: label }).click();
  const d = await saved;
  const path = await d.path();
  return { name: d.suggestedFilename(), bytes: new Uint8Array(await readFile(path)) };
}

/** The kind and message of each row of a downloaded gap list, under its header. */
function entriesOf(rows: string[][]): Array<{ kind: string; message: string }> {
  const [header = [], ...rest] = rows;
  const kind = header.indexOf('kind');
  const message = header.indexOf('message');
  expect(kind).toBeGreaterThanOrEqual(0);
  expect(message).toBeGreaterThanOrEqual(0);
  return rest.map((r) => ({ kind: r[kind] ?? '', message: r[message] ?? '' }));
}

describeInBrowser('downloads', (b) => {
  test('a viewer downloads the filtered gap list as CSV and XLSX, with every entry of the filter', async () => {
    const kinds = ['GAP', 'OVERPROMISED'];
    const viewer = await createToken(b.server, { name: `e2e-download-viewer-${Date.now().toString(36)}`, role: 'VIEWER' });
    const want = await gapsOf(b.server, viewer, kinds);
    const every = await gapsOf(b.server, viewer, []);
    expect(want.length).toBeGreaterThan(1);
    expect(every.length).toBeGreaterThan(want.length);

    const p = await b.signedIn(`/gaps?kind=${kinds.join(',')}`, viewer);
    const { page } = p;
    await waitForView(page, 'gaps');

    const csv = await download(page, /^CSV$/);
    expect(csv.name).toBe('gaps.csv');
    const csvRows = parseCSV(new TextDecoder().decode(csv.bytes));
    expect(entriesOf(csvRows)).toEqual(want);
    expect(csvRows[0] ?? []).toContain('service.monthlyCost');

    const xlsx = await download(page, /XLSX/);
    expect(xlsx.name).toBe('gaps.xlsx');
    const xlsxRows = readXLSX(xlsx.bytes);
    expect(entriesOf(xlsxRows)).toEqual(want);
    expect(xlsxRows[0]).toEqual(csvRows[0]);
    p.expectNoErrors();
  });

  test('a client portal downloads its own gaps without the provider’s columns', async () => {
    const { clients } = await gql<{ clients: { nodes: Array<{ id: string }> } }>(b.server, `{ clients(first: 1, filter: { search: "Kestrel" }) { nodes { id } } }`);
    const id = clients.nodes[0]?.id ?? '';
  expect(id).not.toBe('');
    const portal = await createToken(b.server, { name: `e2e-download-portal-${Date.now().toString(36)}`, role: 'VIEWER', clientId: id });
    const want = await gapsOf(b.server, portal, []);
    expect(want.length).toBeGreaterThan(0);

    const p = await b.signedIn(`/gaps`, portal);
    const { page } = p;
    await waitForView(page, 'gaps');
    const csv = await download(page, /^CSV$/);
    const rows = parseCSV(new TextDecoder().decode(csv.bytes));
    expect(entriesOf(rows)).toEqual(want);
    const header = rows[0] ?? [];
    expect(header.some((h) => /monthlyCost|capacity|orphan/.test(h))).toBe(false);
    const client = header.indexOf('client.id');
    expect(new Set(rows.slice(1).map((r) => r[client]))).toEqual(new Set([id]));
    p.expectNoErrors();
  });

  test('an admin downloads the whole map as the JSON export from the portfolio; a viewer is not offered it', async () => {
    const { clients } = await gql<{ clients: { totalCount: number } }>(b.server, `{ clients { totalCount } }`);
    const p = await b.signedIn('/');
    const { page } = p;
    await waitForView(page, 'portfolio');
    const json = await download(page, /Whole map \(JSON export\)/);
    expect(json.name).toBe('alliance-export.json');
    const x = JSON.parse(new TextDecoder().decode(json.bytes)) as { format: string; version: number; clients: unknown[]; auditLog: unknown[] };
    expect([x.format, x.version]).toEqual(['alliance-export', 1]);
    expect(x.clients.length).toBe(clients.totalCount);
    expect(x.auditLog.length).toBeGreaterThan(0);
    p.expectNoErrors();

    const viewer = await createToken(b.server, { name: `e2e-download-noadmin-${Date.now().toString(36)}`, role: 'VIEWER' });
    const v = await b.signedIn('/', viewer);
    await waitForView(v.page, 'portfolio');
    await v.page.getByText('Download', { exact: true }).click();
    await v.page.getByRole('button', { name: /^CSV$/ }).waitFor();
    expect(await v.page.getByRole('button', { name: /JSON export/ }).count()).toBe(0);
    v.expectNoErrors();
  });
});
