// The API as the tests call it directly (fetch from Node, not the browser):
// to make tokens and to check what the browser wrote, or did not write.
import type { Locator, Page } from 'playwright-core';
import type { Role } from '../src/gql/graphql';
import type { Server } from './browser';
import { waitForView } from './browser';
import { retryingWhenBusy } from '../src/shared/api';

/** Runs a GraphQL operation with a token (the admin token by default); throws on any error. */
export async function gql<T>(server: Server, query: string, variables: Record<string, unknown> = {}, token = server.token): Promise<T> {
  // As the app does: a 429 (too many operations of the token at once) is
  // asked again after its Retry-After.
  const res = await retryingWhenBusy((i, o) => fetch(i, o), { attempts: 10 })(`${server.baseURL}/graphql`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const text = await res.text();
  let body: { data?: T; errors?: Array<{ message: string }> };
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    throw new Error(`/graphql answered ${res.status} without JSON: ${text.slice(0, 300)}`);
  }
  if (!res.ok || body.errors?.length || !body.data) {
    throw new Error(`/graphql answered ${res.status}: ${JSON.stringify(body.errors ?? body).slice(0, 500)}`);
  }
  return body.data;
}

/** Makes an API token with the admin token and returns its secret. */
export async function createToken(server: Server, input: { name: string; role: Role; clientId?: string }): Promise<string> {
  const data = await gql<{ createToken: { secret: string } }>(
    server,
    `mutation E2ECreateToken($input: CreateTokenInput!) { createToken(input: $input) { secret } }`,
    { input: input },
  );
  return data.createToken.secret;
}

export interface ClientRow {
  id: string;
  name: string;
  status: string;
}

/** The clients as the API lists them (up to 100), in an order and matching a search. */
export async function listClients(
  server: Server,
  opts: { search?: string; status?: string[]; field?: string; direction?: 'ASC' | 'DESC' } = {},
): Promise<{ totalCount: number; nodes: ClientRow[] }> {
  const data = await gql<{ clients: { totalCount: number; nodes: ClientRow[] } }>(
    server,
    `query E2EClients($filter: ClientFilter, $orderBy: ClientOrder) {
      clients(first: 100, filter: $filter, orderBy: $orderBy) { totalCount nodes { id name status } }
    }`,
    {
      filter: { search: opts.search ?? null, status: opts.status ?? null },
      orderBy: { field: opts.field ?? 'NAME', direction: opts.direction ?? 'ASC' },
    },
  );
  return data.clients;
}

// Reading back what the editing tests wrote through the forms: a client's
// whole map, a service, and whether a commitment still exists.

export interface LevelRow {
  metric: { key: string };
  value: number;
}

export interface RequirementRow {
  id: string;
  title: string;
  priority: string;
  targets: LevelRow[];
  coverage: { status: string; percent: number };
  commitments: Array<{ id: string; coveragePercent: number; holds: boolean; service: { id: string; name: string } }>;
}

export interface ClientTree {
  id: string;
  name: string;
  annualContractValue: string;
  objectives: Array<{ id: string; title: string; requirements: RequirementRow[] }>;
}

/** A client with its objectives, requirements (targets, coverage) and commitments; null when there is none. */
export async function clientTree(server: Server, id: string, token?: string): Promise<ClientTree | null> {
  const data = await gql<{ client: ClientTree | null }>(
    server,
    `query E2EClientTree($id: ID!) {
      client(id: $id) { id name annualContractValue objectives { id title requirements {
        id title priority targets { metric { key } value } coverage { status percent }
        commitments { id coveragePercent holds service { id name } } } } }
    }`,
    { id },
    token,
  );
  return data.client;
}

export interface ServiceRow {
  id: string;
  name: string;
  lifecycle: string;
  monthlyCost: string;
  capacity: number | null;
  designedLevels: LevelRow[];
  measurements: Array<LevelRow & { periodEnd: string }>;
  commitments: Array<{ id: string; coveragePercent: number; requirement: { id: string } }>;
}

/** A service with its designed levels, measurements (newest first) and commitments; null when there is none. */
export async function serviceById(server: Server, id: string): Promise<ServiceRow | null> {
  const data = await gql<{ service: ServiceRow | null }>(
    server,
    `query E2EService($id: ID!) {
      service(id: $id) { id name lifecycle monthlyCost capacity designedLevels { metric { key } value }
        measurements { metric { key } value periodEnd } commitments { id coveragePercent requirement { id } } }
    }`,
    { id },
  );
  return data.service;
}

/** Whether a commitment exists. */
export async function commitmentExists(server: Server, id: string): Promise<boolean> {
  const data = await gql<{ commitment: { id: string } | null }>(server, `query E2ECommitment($id: ID!) { commitment(id: $id) { id } }`, { id });
  return data.commitment !== null;
}

// The editing forms, driven as a user would (clicks and typing only), for
// the tests that need a map of their own. Each leaves the page where a user
// would be: on the map (graph), or on the new service's page.

/** A name no other test or run uses: "E2E <what> <time><random>". */
export function unique(what: string): string {
  return `E2E ${what} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

/** The source of a RegExp that matches the text literally. */
export function literal(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A node of the map's graph: a button named "Objective: Must <title> …"
 * (its priority first), "Requirement: <title> …" or "Service: <title> …".
 */
export function mapNode(page: Page, kind: 'Objective' | 'Requirement' | 'Service', title: string): Locator {
  const priority = kind === 'Objective' ? '(Must|Should|Could) ' : '';
  return page.getByRole('button', { name: new RegExp(`^${kind}: ${priority}${literal(title)}(\\s|$)`) });
}

/** Opens a view from the navigation. */
export async function goTo(page: Page, link: 'Portfolio' | 'Services', view: 'portfolio' | 'services'): Promise<void> {
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: link, exact: true }).click();
  await waitForView(page, view);
}

/** From the portfolio, "New client" with a name and a contract value; lands on its map. Returns its id. */
export async function newClientThroughForm(page: Page, name: string, contractValue: string): Promise<string> {
  await goTo(page, 'Portfolio', 'portfolio');
  await page.getByRole('button', { name: 'New client' }).click();
  const dialog = page.getByRole('dialog', { name: 'New client' });
  await dialog.getByLabel('Name', { exact: true }).fill(name);
  await dialog.getByLabel('Annual contract value').fill(contractValue);
  await dialog.getByRole('button', { name: 'Create client' }).click();
  await page.waitForURL((u) => u.pathname.startsWith('/clients/'));
  await waitForView(page, 'client');
  await page.getByRole('heading', { level: 1, name: new RegExp(literal(name)) }).waitFor();
  return decodeURIComponent(new URL(page.url()).pathname.slice('/clients/'.length));
}

/** On a client's map, "Add objective" with a title. */
export async function addObjectiveThroughForm(page: Page, title: string): Promise<void> {
  await page.getByRole('button', { name: 'Add objective' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'New objective' });
  await dialog.getByLabel('Title', { exact: true }).fill(title);
  await dialog.getByRole('button', { name: 'Create objective' }).click();
  await dialog.waitFor({ state: 'hidden' });
  await mapNode(page, 'Objective', title).waitFor();
}

export interface RequirementTyped {
  title: string;
  priority: 'MUST' | 'SHOULD' | 'COULD';
  metric: string;
  value: string;
}

/** On a client's map, chooses an objective and "Add requirement" with one target. */
export async function addRequirementThroughForm(page: Page, objective: string, r: RequirementTyped): Promise<void> {
  await mapNode(page, 'Objective', objective).click();
  await page.getByRole('button', { name: 'Add requirement', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'New requirement' });
  await dialog.getByLabel('Title', { exact: true }).fill(r.title);
  await dialog.getByLabel('Priority').selectOption(r.priority);
  await dialog.getByRole('button', { name: '+ Add target' }).click();
  await dialog.getByLabel('Metric 1').selectOption(r.metric);
  await dialog.getByLabel(/^Value/).fill(r.value);
  await dialog.getByRole('button', { name: 'Create requirement' }).click();
  await dialog.waitFor({ state: 'hidden' });
  await mapNode(page, 'Requirement', r.title).waitFor();
}

export interface ServiceTyped {
  name: string;
  monthlyCost: string;
  capacity: string;
  levels: Array<{ metric: string; value: string }>;
}

/** From the Services view, "New service" with designed levels; lands on its page. Returns its id. */
export async function newServiceThroughForm(page: Page, s: ServiceTyped): Promise<string> {
  await goTo(page, 'Services', 'services');
  await page.getByRole('button', { name: 'New service' }).click();
  const dialog = page.getByRole('dialog', { name: 'New service' });
  await dialog.getByLabel('Name', { exact: true }).fill(s.name);
  await dialog.getByLabel('Monthly cost').fill(s.monthlyCost);
  await dialog.getByLabel('Capacity (units)').fill(s.capacity);
  for (const [i, l] of s.levels.entries()) {
    await dialog.getByRole('button', { name: '+ Add a designed level' }).click();
    await dialog.getByLabel(`Metric ${i + 1}`, { exact: true }).selectOption(l.metric);
    await dialog.getByLabel(/^Value/).nth(i).fill(l.value);
  }
  await dialog.getByRole('button', { name: 'Create service' }).click();
  await page.waitForURL((u) => /^\/services\/[^/]+$/.test(u.pathname));
  await waitForView(page, 'service');
  await page.getByRole('heading', { level: 1, name: s.name, exact: true }).waitFor();
  return decodeURIComponent(new URL(page.url()).pathname.slice('/services/'.length));
}

/** From the portfolio, finds a client by name and opens its map. */
export async function openClientMap(page: Page, name: string): Promise<void> {
  await goTo(page, 'Portfolio', 'portfolio');
  await page.getByRole('searchbox', { name: 'Search clients' }).fill(name);
  await page.getByRole('link', { name, exact: true }).click();
  await waitForView(page, 'client');
}

/** On a client's map, chooses a requirement and commits a service to it with a coverage percent. */
export async function commitThroughForm(page: Page, requirement: string, service: string, coveragePercent: string): Promise<void> {
  await mapNode(page, 'Requirement', requirement).click();
  await page.getByRole('button', { name: 'Commit a service' }).click();
  const dialog = page.getByRole('dialog', { name: 'Commit a service' });
  // The user looks at the catalog first, then searches it by the service's (unique) name.
  await dialog.getByRole('radio').first().waitFor();
  await dialog.getByRole('searchbox', { name: 'Service' }).fill(service);
  await dialog.getByText('1 service.', { exact: true }).waitFor();
  await dialog.getByRole('radio', { name: new RegExp(`^${literal(service)}(\\s|$)`) }).check();
  await dialog.getByLabel('Coverage percent').fill(coveragePercent);
  await dialog.getByRole('button', { name: 'Commit service' }).click();
  await dialog.waitFor({ state: 'hidden' });
}
