// The client portal: a token limited to one client sees its map, its
// services and their levels, and none of the provider's economics (no cost,
// margin, capacity, impact) nor a control it may not use; an admin sees
// them on the same pages, so each check can fail. Every GraphQL request such
// a page sends is read back: none selects an internal field (the server
// refuses such a document to the token) and none answers an error.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'graphql';
import type { Page } from 'playwright-core';
import { afterAll, expect, test } from 'vitest';
import type { Role } from '../src/gql/graphql';
import { schemaOf, selectedInternal } from '../src/shared/internalFields';
import { createToken, gql, literal, mapNode, unique } from './api';
import { describeInBrowser, screenshots, waitForView, type BrowserTests, type CheckedPage } from './browser';
import { repoDir } from './paths';
import { norm } from './views';

const schemaDir = join(repoDir, 'graph', 'schema');
const schema = schemaOf(
  readdirSync(schemaDir)
    .filter((f) => f.endsWith('.graphqls'))
    .sort()
    .map((f) => readFileSync(join(schemaDir, f), 'utf8')),
);

/** What the browser sent to /graphql and what it was answered. */
interface Sent {
  operation: string;
  query: string;
  variables: Record<string, unknown>;
  status: number;
  errors: unknown[];
}

/** Records every GraphQL request of a page and its answer. */
function recordGraphQL(page: Page): { sent: Sent[]; settled: () => Promise<Sent[]> } {
  const sent: Sent[] = [];
  const pending: Array<Promise<void>> = [];
  page.on('response', (res) => {
    const req = res.request();
    if (new URL(req.url()).pathname !== '/graphql' || req.method() !== 'POST') return;
    const body = req.postDataJSON() as { query: string; variables?: Record<string, unknown>; operationName?: string };
    pending.push(
      res
        .json()
        .then((json: { errors?: unknown[] }) => json.errors ?? [])
        .catch(() => [`the answer is not JSON`])
        .then((errors) => {
          sent.push({ operation: body.operationName ?? '?', query: body.query, variables: body.variables ?? {}, status: res.status(), errors });
        }),
    );
  });
  return {
    sent,
    settled: async () => {
      await page.waitForLoadState('networkidle');
      await Promise.all(pending);
      return sent;
    },
  };
}

/** Fails unless every request so far asked for nothing internal and answered without an error. */
async function expectPortalRequests(rec: ReturnType<typeof recordGraphQL>): Promise<string[]> {
  const sent = await rec.settled();
  expect(sent.length, 'the page sent GraphQL requests').toBeGreaterThan(0);
  const internal = sent.flatMap((s) => selectedInternal(parse(s.query), schema, { variables: s.variables }).internal);
  expect(internal, 'internal fields or operations a client-limited page asked for').toEqual([]);
  expect(
    sent.filter((s) => s.status !== 200 || s.errors.length > 0).map((s) => `${s.operation}: ${s.status} ${JSON.stringify(s.errors)}`),
    'GraphQL errors',
  ).toEqual([]);
  return sent.map((s) => s.operation);
}

/** Amounts of money as the app writes them (thousands separated, two decimals). */
const AMOUNT = /−?\d{1,3}(?:,\d{3})+\.\d{2}|(?<![\d.,])−?\d{1,3}\.\d{2}(?![\d%])/g;
/** Words of the provider's economics, as the app labels them. */
const ECONOMICS = /cost to serve|margin|monthly cost|capacity|committed units|oversubscribed|orphan|revenue at risk|what if we retire|impact of retiring/i;
/** Buttons that change what only the provider may change. */
const INTERNAL_CONTROL = /^(New client|New service|Delete client|Record measurement|Record a measurement of .+|Edit|Delete)$/;

/** What the view (the page's main) shows of money, economics and internal controls. */
async function exposure(page: Page) {
  const main = page.getByRole('main');
  // The options of the selects too (the sorts by cost).
  const text = norm([await main.innerText(), ...(await main.locator('option').allInnerTexts())].join(' '));
  const buttons = (await main.getByRole('button').allInnerTexts()).map(norm);
  return {
    money: (await main.locator('.money').allInnerTexts()).map(norm),
    amounts: text.match(AMOUNT) ?? [],
    economics: [...new Set((text.match(new RegExp(ECONOMICS.source, 'gi')) ?? []).map((w) => w.toLowerCase()))],
    controls: buttons.filter((b) => INTERNAL_CONTROL.test(b)),
    impactLinks: await main.locator('a[href^="/impact"]').count(),
  };
}

const navLinks = async (page: Page) => (await page.getByRole('navigation', { name: 'Views' }).getByRole('link').allInnerTexts()).map(norm);

/**
 * A fresh page signed in with a new token (the role, limited to the client
 * when given) at path, its GraphQL requests recorded from the first.
 */
async function as(b: BrowserTests, role: Exclude<Role, 'ADMIN'>, clientId: string | undefined, path: string): Promise<CheckedPage & { rec: ReturnType<typeof recordGraphQL> }> {
  const secret = await createToken(b.server, { name: unique(`portal ${role}`).toLowerCase().replace(/\s+/g, '-'), role, clientId });
  const p = await b.newPage();
  const rec = recordGraphQL(p.page);
  await p.page.goto(`${path}#token=${encodeURIComponent(secret)}`);
  return Object.assign(p, { rec });
}

interface DemoClient {
  id: string;
  name: string;
  annualContractValue: string;
  objectives: Array<{ requirements: Array<{ title: string; commitments: Array<{ capacityUnits: number; service: { id: string; name: string; monthlyCost: string } }> }> }>;
}

describeInBrowser('client portal', (b) => {
  /** Made by the editor's test; removed at the end so the demo's figures stay the same for the other files. */
  const made: { client?: string; service?: string } = {};
  afterAll(async () => {
    if (made.client) await gql(b.server, `mutation E2EPortalDropClient($id: ID!) { deleteClient(id: $id) }`, { id: made.client });
    if (made.service) await gql(b.server, `mutation E2EPortalDropService($id: ID!) { deleteService(id: $id) }`, { id: made.service });
  });

  test('a client-limited viewer sees its map and a service without money, capacity, impact or internal controls; an admin sees them there', async () => {
    const { client } = await gql<{ client: DemoClient }>(
      b.server,
      `{ client(id: "2") { id name annualContractValue objectives { requirements { title commitments { capacityUnits service { id name monthlyCost } } } } } }`,
    );
    const requirement = client.objectives.flatMap((o) => o.requirements).find((r) => r.commitments.length > 0)!;
    // A service of this client's whose cost the app would show with a thousands separator.
    const service = client.objectives
      .flatMap((o) => o.requirements.flatMap((r) => r.commitments.map((c) => c.service)))
      .find((s) => Number(s.monthlyCost) >= 1000)!;
    expect(requirement && service, 'the demo client has a committed requirement and a costly service').toBeTruthy();

    /** Opens the map, a requirement's and a service's details, the catalog and the service's page; returns what each shows. */
    async function visit(p: CheckedPage) {
      const { page } = p;
      await waitForView(page, 'client');
      await page.getByRole('heading', { level: 1, name: new RegExp(literal(client.name)) }).waitFor();
      const map = await exposure(page);
      await mapNode(page, 'Requirement', requirement.title).click();
      await page.getByRole('region', { name: requirement.title }).getByRole('heading', { name: 'Commitments' }).waitFor();
      const requirementPanel = await exposure(page);
      await mapNode(page, 'Service', service.name).click();
      await page.getByRole('region', { name: service.name }).getByRole('heading', { name: 'Committed here to' }).waitFor();
      const servicePanel = await exposure(page);
      await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Services', exact: true }).click();
      await waitForView(page, 'services');
      await page.getByRole('link', { name: service.name, exact: true }).waitFor();
      const catalog = await exposure(page);
      await page.getByRole('link', { name: service.name, exact: true }).click();
      await waitForView(page, 'service');
      await page.getByRole('heading', { level: 1, name: service.name }).waitFor();
      await page.getByRole('heading', { name: /^Commitments/ }).waitFor();
      return { map, requirement: requirementPanel, servicePanel, catalog, service: await exposure(page) };
    }

    const acv = (await gql<{ client: { annualContractValue: string } }>(b.server, `{ client(id: "2") { annualContractValue } }`)).client.annualContractValue;
    const written = acv.replace(/\B(?=(\d{3})+(?!\d))/g, ',').replace(/^(\d[\d,]*)$/, '$1.00');

    // The admin, first: the same pages show the figures, the words and the controls.
    const admin = await b.signedIn(`/clients/${client.id}`);
    const full = await visit(admin);
    expect(full.map.money.length, 'contract value, cost to serve and margin').toBe(3);
    expect(full.map.economics).toEqual(expect.arrayContaining(['cost to serve', 'margin']));
    expect(full.map.controls).toContain('Delete client');
    expect(full.requirement.economics).toContain('capacity');
    expect(full.servicePanel.impactLinks).toBe(1);
    expect(full.catalog.money.length).toBeGreaterThan(0);
    expect(full.catalog.economics).toEqual(expect.arrayContaining(['monthly cost', 'capacity']));
    expect(full.catalog.controls).toContain('New service');
    expect(full.service.money.length).toBeGreaterThan(0);
    expect(full.service.amounts.length).toBeGreaterThan(0);
    expect(full.service.economics).toEqual(expect.arrayContaining(['monthly cost', 'capacity', 'what if we retire']));
    expect(full.service.controls).toEqual(expect.arrayContaining(['Record measurement', 'Edit', 'Delete']));
    expect(await navLinks(admin.page)).toContain('Impact');
    admin.expectNoErrors();

    const viewer = await as(b, 'VIEWER', client.id, '/');
    await viewer.page.waitForURL((u) => u.pathname === `/clients/${client.id}`);
    const limited = await visit(viewer);
    await screenshots(viewer.page, 'portal-viewer-service');
    // On the map (with its details open or not) the contract value is the
    // client's own, and the only money; elsewhere there is none.
    for (const [view, seen] of Object.entries(limited)) {
      const money = view === 'catalog' || view === 'service' ? [] : [written];
      expect(seen.money, `money in ${view}`).toEqual(money);
      expect(seen.amounts, `amounts in ${view}`).toEqual(money);
      expect(seen.economics, `words of the provider's economics in ${view}`).toEqual([]);
      expect(seen.controls, `internal controls in ${view}`).toEqual([]);
      expect(seen.impactLinks, `links to the impact view in ${view}`).toBe(0);
    }
    const nav = await navLinks(viewer.page);
    expect(nav).not.toContain('Impact');
    expect(nav).not.toContain('Portfolio');
    expect(nav[0], 'its client in place of the portfolio').toBe(client.name);
    const operations = await expectPortalRequests(viewer.rec);
    expect(operations).toEqual(expect.arrayContaining(['Me', 'ClientMapView', 'ServiceCatalog', 'ServicePage']));
    viewer.expectNoErrors();
  });

  test('the gaps, the matrix and the promise check of a client-limited viewer show no economics and ask for no internal field; an admin’s do', async () => {
    /** Opens the views from the navigation (the promise check with a target); returns what each shows. */
    async function visit(p: CheckedPage) {
      const { page } = p;
      const nav = page.getByRole('navigation', { name: 'Views' });
      await waitForView(page, 'client');
      await nav.getByRole('link', { name: 'Gaps', exact: true }).click();
      await waitForView(page, 'gaps');
      await page.locator('.gaps-list, .state.empty').first().waitFor();
      const gaps = await exposure(page);
      await nav.getByRole('link', { name: 'Coverage matrix', exact: true }).click();
      await waitForView(page, 'matrix');
      await page.getByRole('table').first().waitFor();
      const matrix = await exposure(page);
      await page.goto('/promise?t=availability:99.5');
      await waitForView(page, 'promise');
      await page.getByRole('heading', { name: 'Services that can keep this promise' }).waitFor();
      const promise = await exposure(page);
      await nav.getByRole('link', { name: 'Reports', exact: true }).click();
      await waitForView(page, 'reports');
      return { gaps, matrix, promise };
    }

    const admin = await b.signedIn('/clients/2');
    const full = await visit(admin);
    expect(full.gaps.economics).toEqual(expect.arrayContaining(['orphan', 'oversubscribed']));
    expect(full.matrix.economics).toContain('monthly cost');
    expect(full.promise.economics).toEqual(expect.arrayContaining(['monthly cost', 'capacity']));
    expect(full.promise.money.length).toBeGreaterThan(0);
    admin.expectNoErrors();

    const viewer = await as(b, 'VIEWER', '2', '/clients/2');
    const limited = await visit(viewer);
    await screenshots(viewer.page, 'portal-viewer-reports');
    for (const [view, seen] of Object.entries(limited)) {
      expect(seen.money, `money in ${view}`).toEqual([]);
      expect(seen.economics, `words of the provider's economics in ${view}`).toEqual([]);
      expect(seen.controls, `internal controls in ${view}`).toEqual([]);
    }
    const operations = await expectPortalRequests(viewer.rec);
    expect(operations).toEqual(expect.arrayContaining(['GapList', 'MatrixRequirements', 'PromiseMatches', 'ReportingReports']));
    viewer.expectNoErrors();
  });

  test('a client-limited viewer opening the impact view by its address is told it is not available, and nothing is asked', async () => {
    const viewer = await as(b, 'VIEWER', '2', '/impact?service=1');
    const view = await waitForView(viewer.page, 'unavailable');
    expect(norm(await view.locator('h1').innerText())).toBe('Not available to a client-limited token');
    await view.getByRole('link', { name: /^Go to the map of / }).waitFor();
    await screenshots(viewer.page, 'portal-impact-unavailable');
    expect((await viewer.rec.settled()).map((s) => s.operation)).toEqual(['Me']);
    viewer.expectNoErrors();
  });

  test('a client-limited editor edits its requirements, commitments and client, without capacity or the provider’s controls', async () => {
    // A client and a service of this test's own, so the demo's figures stay as they are.
    const names = { client: unique('Portal client'), objective: unique('Portal objective'), requirement: unique('Portal requirement'), service: unique('Portal service') };
    const ids = await gql<{ createClient: { id: string }; createService: { id: string } }>(
      b.server,
      `mutation E2EPortalMake($c: ClientInput!, $s: ServiceInput!) { createClient(input: $c) { id } createService(input: $s) { id } }`,
      {
        c: { name: names.client, status: 'ACTIVE', annualContractValue: '120000.00' },
        s: { name: names.service, lifecycle: 'LIVE', monthlyCost: '0.00', capacity: 40, designedLevels: [{ metric: 'availability', value: 99.95 }] },
      },
    );
    made.client = ids.createClient.id;
    made.service = ids.createService.id;
    const { createObjective } = await gql<{ createObjective: { id: string } }>(
      b.server,
      `mutation E2EPortalObjective($i: ObjectiveInput!) { createObjective(input: $i) { id } }`,
      { i: { clientId: made.client, title: names.objective } },
    );
    const { createRequirement } = await gql<{ createRequirement: { id: string } }>(
      b.server,
      `mutation E2EPortalRequirement($i: RequirementInput!) { createRequirement(input: $i) { id } }`,
      { i: { objectiveId: createObjective.id, title: names.requirement, priority: 'MUST', targets: [{ metric: 'availability', value: 99.9 }] } },
    );
    const { createCommitment } = await gql<{ createCommitment: { id: string } }>(
      b.server,
      `mutation E2EPortalCommit($i: CommitmentInput!) { createCommitment(input: $i) { id } }`,
      { i: { requirementId: createRequirement.id, serviceId: made.service, coveragePercent: 100, capacityUnits: 3 } },
    );
    const read = () =>
      gql<{ client: { name: string; status: string; industry: string | null; annualContractValue: string }; requirement: { title: string }; commitment: { coveragePercent: number; capacityUnits: number } }>(
        b.server,
        `query E2EPortalRead($c: ID!, $r: ID!, $m: ID!) {
          client(id: $c) { name status industry annualContractValue } requirement(id: $r) { title } commitment(id: $m) { coveragePercent capacityUnits }
        }`,
        { c: made.client, r: createRequirement.id, m: createCommitment.id },
      );

    const editor = await as(b, 'EDITOR', made.client, '/');
    const { page } = editor;
    await page.waitForURL((u) => u.pathname === `/clients/${made.client}`);
    await waitForView(page, 'client');
    await mapNode(page, 'Requirement', names.requirement).waitFor();
    const main = page.getByRole('main');
    const buttons = async () => (await main.getByRole('button').allInnerTexts()).map(norm);
    expect(await buttons()).toEqual(expect.arrayContaining(['Edit client', 'Add objective']));
    expect(await buttons()).not.toContain('Delete client');

    // The requirement's details: its own edit controls, no capacity.
    await mapNode(page, 'Requirement', names.requirement).click();
    const detail = page.getByRole('region', { name: names.requirement });
    await detail.getByRole('heading', { name: 'Commitments' }).waitFor();
    expect(await buttons()).toEqual(
      expect.arrayContaining(['Commit a service', 'Edit requirement', 'Delete requirement', `Edit commitment of ${names.service}`, `Delete commitment of ${names.service}`]),
    );
    expect((await exposure(page)).economics).toEqual([]);

    // Changing the commitment: no capacity units field, and the units stay as the provider set them.
    await detail.getByRole('button', { name: `Edit commitment of ${names.service}` }).click();
    const change = page.getByRole('dialog', { name: 'Change commitment' });
    await change.getByLabel('Coverage percent').fill('80');
    expect(await change.getByLabel('Capacity units').count()).toBe(0);
    await screenshots(page, 'portal-editor-commitment', { fullPage: false });
    await change.getByRole('button', { name: 'Save' }).click();
    await change.waitFor({ state: 'hidden' });
    await expect.poll(async () => (await read()).commitment).toEqual({ coveragePercent: 80, capacityUnits: 3 });

    // Committing a service: the picker shows no units, the form no capacity.
    await detail.getByRole('button', { name: 'Commit a service' }).click();
    const commit = page.getByRole('dialog', { name: 'Commit a service' });
    await commit.getByRole('searchbox').fill(names.service);
    await commit.getByText('already committed here').waitFor();
    expect(await commit.getByLabel('Capacity units').count()).toBe(0);
    expect(norm(await commit.innerText())).not.toMatch(/\bunits?\b/);
    await commit.getByRole('button', { name: 'Cancel' }).click();
    await commit.waitFor({ state: 'hidden' });

    // Renaming the requirement.
    await detail.getByRole('button', { name: 'Edit requirement' }).click();
    const edit = page.getByRole('dialog', { name: 'Change requirement' });
    const renamed = `${names.requirement} (renamed)`;
    await edit.getByLabel('Title', { exact: true }).fill(renamed);
    await edit.getByRole('button', { name: 'Save' }).click();
    await edit.waitFor({ state: 'hidden' });
    await mapNode(page, 'Requirement', renamed).waitFor();

    // The client: its industry, not the provider's terms (name, status, contract value).
    await main.getByRole('button', { name: 'Edit client' }).click();
    const clientForm = page.getByRole('dialog', { name: 'Change client' });
    expect(await clientForm.getByLabel('Name', { exact: true }).count()).toBe(0);
    expect(await clientForm.getByLabel('Status').count()).toBe(0);
    expect(await clientForm.getByLabel('Annual contract value').count()).toBe(0);
    await clientForm.getByLabel('Industry').fill('Logistics');
    await clientForm.getByRole('button', { name: 'Save' }).click();
    await clientForm.waitFor({ state: 'hidden' });
    await expect.poll(async () => (await read()).client).toEqual({ name: names.client, status: 'ACTIVE', industry: 'Logistics', annualContractValue: '120000.00' });
    expect((await read()).requirement.title).toBe(renamed);

    // The service's page and the catalog: nothing of the provider's to change.
    await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Services', exact: true }).click();
    await waitForView(page, 'services');
    expect((await exposure(page)).controls).toEqual([]);
    await page.getByRole('searchbox', { name: 'Search services by name' }).fill(names.service);
    await page.getByRole('link', { name: names.service, exact: true }).click();
    await waitForView(page, 'service');
    await page.getByRole('heading', { level: 1, name: names.service }).waitFor();
    const service = await exposure(page);
    expect(service.controls).toEqual([]);
    expect(service.economics).toEqual([]);
    expect(service.money).toEqual([]);
    await screenshots(page, 'portal-editor-service');

    const operations = await expectPortalRequests(editor.rec);
    expect(operations).toEqual(expect.arrayContaining(['CommitmentEditorUpdate', 'RequirementEditorUpdate', 'UpdateClient']));
    editor.expectNoErrors();

    // The same client's map for an unlimited editor: the controls and the field the portal leaves out.
    const full = await as(b, 'EDITOR', undefined, `/clients/${made.client}`);
    await waitForView(full.page, 'client');
    await full.page.getByRole('button', { name: 'Delete client' }).waitFor();
    await mapNode(full.page, 'Requirement', renamed).click();
    await full.page.getByRole('region', { name: renamed }).getByRole('button', { name: `Edit commitment of ${names.service}` }).click();
    await full.page.getByRole('dialog', { name: 'Change commitment' }).getByLabel('Capacity units').waitFor();
    full.expectNoErrors();
  });
});
