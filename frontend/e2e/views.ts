// What the browser tests of the views share: the words the pages should
// show (written here rather than imported from the app, so that a wrong label
// in the app fails a test), the API's answers they are compared with, and
// ways to read tables.
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { gql } from './api';
import type { Server } from './browser';

/** The word of each coverage status. */
export const STATUS_LABEL: Record<string, string> = {
  COVERED: 'Covered',
  PARTIAL: 'Partial',
  UNDER_DELIVERED: 'Under-delivered',
  OVERPROMISED: 'Over-promised',
  PLANNED: 'Planned',
  GAP: 'Gap',
};

/** The word of each gap kind. */
export const GAP_LABEL: Record<string, string> = {
  GAP: 'Gap',
  PLANNED_ONLY: 'Planned only',
  OVERPROMISED: 'Over-promised',
  UNDER_DELIVERED: 'Under-delivered',
  PARTIAL: 'Partial',
  EMPTY_OBJECTIVE: 'Empty objective',
  ORPHAN_SERVICE: 'Orphan service',
  OVERSUBSCRIBED: 'Oversubscribed',
};

export const LIFECYCLE_LABEL: Record<string, string> = { PLANNED: 'Planned', LIVE: 'Live', RETIRING: 'Retiring', RETIRED: 'Retired' };

/** The statuses a matrix row needs attention for. */
export const PROBLEMS = ['GAP', 'OVERPROMISED', 'UNDER_DELIVERED'];

/** A level as a reader sees it: "99.9%", "168 hours/week". */
export const level = (value: number, unit: string): string => (unit === 'percent' ? `${value}%` : `${value} ${unit}`);

export const norm = (s: string): string => s.replace(/\s+/g, ' ').trim();
export const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
export const textOf = async (l: Locator): Promise<string> => norm(await l.innerText());
export const textsOf = async (l: Locator): Promise<string[]> => (await l.allInnerTexts()).map(norm);
/** A text without the icons that go with its words (status, lifecycle, flags). */
export const words = (s: string): string => norm(s.replace(/[✓✕▼⚠●◔◷◌○◐□⊘◆◇]/g, ' '));
export const byText = (a: string, b: string): number => a.localeCompare(b, 'en', { sensitivity: 'base', numeric: true });

/** The status words found in a text (whole words). */
export function statusWords(text: string): string[] {
  return Object.values(STATUS_LABEL).filter((w) => new RegExp(`(^|[^\\w-])${escapeRe(w)}($|[^\\w-])`).test(text));
}

/** The path and query string of the page. */
export const here = (page: Page): string => {
  const u = new URL(page.url());
  return u.pathname + u.search;
};

/** Waits until the address bar shows this path and query string. */
export async function expectPath(page: Page, path: string): Promise<void> {
  await expect.poll(() => decodeURIComponent(here(page)), { timeout: 10_000 }).toBe(path);
}

// ---------------------------------------------------------------------------
// The API's answers.

export interface Metric {
  key: string;
  name: string;
  unit: string;
  direction: 'HIGHER_IS_BETTER' | 'LOWER_IS_BETTER';
}

export interface MapRequirement {
  id: string;
  title: string;
  priority: 'MUST' | 'SHOULD' | 'COULD';
  targets: Array<{ metric: Metric; value: number }>;
  coverage: {
    status: string;
    percent: number;
    shortfalls: Array<{ service: { id: string; name: string }; metric: Metric; required: number; designed: number | null; measured: number | null }>;
  };
  commitments: Array<{ id: string; coveragePercent: number; holds: boolean; service: { id: string; name: string; lifecycle: string; monthlyCost: string } }>;
}

export interface MapClient {
  id: string;
  name: string;
  status: string;
  score: number | null;
  scoreHistory: Array<{ at: string; score: number | null }>;
  objectives: Array<{ id: string; title: string; requirements: MapRequirement[] }>;
}

export const METRIC = 'metric { key name unit direction }';

export async function mapOf(server: Server, id: string): Promise<MapClient> {
  const data = await gql<{ client: MapClient | null }>(
    server,
    `query E2EViewsMap($id: ID!) {
      client(id: $id) {
        id name status score scoreHistory { at score }
        objectives { id title requirements {
          id title priority
          targets { ${METRIC} value }
          coverage { status percent shortfalls { service { id name } ${METRIC} required designed measured } }
          commitments { id coveragePercent holds service { id name lifecycle monthlyCost } }
        } }
      }
    }`,
    { id },
  );
  if (!data.client) throw new Error(`the API has no client ${id}`);
  return data.client;
}

export const requirementsOf = (c: MapClient): MapRequirement[] => c.objectives.flatMap((o) => o.requirements);

/** A promise the service's design fails (the "promised 168 h/week, designed for 45"). */
export const designedShort = (r: MapRequirement) => r.coverage.shortfalls.some((f) => f.designed !== null);

/**
 * A demo client whose requirements have at least three statuses and one of
 * them a shortfall: preferably an over-promise (designed below the promise).
 */
export async function clientWithShortfalls(server: Server): Promise<MapClient> {
  const { clients } = await gql<{ clients: { nodes: Array<{ id: string; status: string; statusCounts: Array<{ status: string; count: number }> }> } }>(
    server,
    '{ clients(first: 100) { nodes { id status statusCounts { status count } } } }',
  );
  let fallback: MapClient | undefined;
  for (const c of clients.nodes) {
    if (c.status === 'CHURNED' || c.statusCounts.filter((s) => s.count > 0).length < 3) continue;
    const map = await mapOf(server, c.id);
    const reqs = requirementsOf(map);
    if (reqs.some((r) => r.coverage.status === 'OVERPROMISED' && designedShort(r))) return map;
    if (!fallback && reqs.some(designedShort)) fallback = map;
  }
  if (!fallback) throw new Error('no demo client has requirements of three statuses and a shortfall');
  return fallback;
}

export interface GapNode {
  kind: string;
  message: string;
  client: { id: string; name: string } | null;
  objective: { id: string; title: string } | null;
  requirement: { id: string; title: string } | null;
  service: { id: string; name: string } | null;
}

export async function gapsOf(server: Server, kinds: string[] | null): Promise<{ totalCount: number; nodes: GapNode[] }> {
  const data = await gql<{ gaps: { totalCount: number; nodes: GapNode[] } }>(
    server,
    `query E2EViewsGaps($filter: GapFilter) {
      gaps(first: 25, filter: $filter) {
        totalCount
        nodes { kind message client { id name } objective { id title } requirement { id title } service { id name } }
      }
    }`,
    { filter: { kinds } },
  );
  return data.gaps;
}

export interface ImpactAnswer {
  revenueAtRisk: string;
  service: { id: string; name: string };
  requirements: Array<{ before: string; after: string; requirement: { id: string; title: string; objective: { client: { id: string; name: string } } } }>;
  clients: Array<{ before: number | null; after: number | null; client: { id: string; name: string } }>;
}

export async function impactOf(server: Server, serviceId: string): Promise<ImpactAnswer> {
  const data = await gql<{ impact: ImpactAnswer | null }>(
    server,
    `query E2EViewsImpact($id: ID!) {
      impact(serviceId: $id) {
        revenueAtRisk
        service { id name }
        requirements { before after requirement { id title objective { client { id name } } } }
        clients { before after client { id name } }
      }
    }`,
    { id: serviceId },
  );
  if (!data.impact) throw new Error(`the API has no impact for service ${serviceId}`);
  return data.impact;
}

export interface MatchAnswer {
  delivers: boolean;
  spareCapacity: number | null;
  service: { id: string; name: string; capacity: number | null };
}

export async function matchesOf(server: Server, targets: Array<{ metric: string; value: number }>): Promise<MatchAnswer[]> {
  const data = await gql<{ serviceMatches: MatchAnswer[] }>(
    server,
    `query E2EViewsMatches($targets: [LevelInput!]!) {
      serviceMatches(targets: $targets) { delivers spareCapacity service { id name capacity } }
    }`,
    { targets },
  );
  return data.serviceMatches;
}

// ---------------------------------------------------------------------------
// Reading tables.

/** The body rows of a table (the header row left out). */
export const bodyRows = (table: Locator): Locator => table.locator('tbody').getByRole('row');

/** The row of a table whose row header is this text. */
export const rowOf = (table: Locator, header: string): Locator =>
  bodyRows(table).filter({ has: table.page().getByRole('rowheader', { name: header, exact: true }) });

/** The row of a table whose row header holds a link with this text (the header also holds other facts). */
export const rowLinked = (table: Locator, link: string): Locator =>
  bodyRows(table).filter({ has: table.page().getByRole('rowheader').getByRole('link', { name: link, exact: true }) });

/** The index among a row's cells (the row header not counted) of the column whose header starts with this text. */
export async function cellIndex(table: Locator, header: string): Promise<number> {
  const headers = await textsOf(table.locator('thead').getByRole('columnheader'));
  const i = headers.findIndex((h) => h.startsWith(header));
  expect(i, `a column "${header}" among ${JSON.stringify(headers)}`).toBeGreaterThan(0);
  return i - 1;
}

export async function cellText(row: Locator, index: number): Promise<string> {
  return textOf(row.getByRole('cell').nth(index));
}
