// Deletes ask first and say what goes with them; cancelling removes nothing,
// confirming removes it from the map (or the portfolio) and from the API.
// A viewer sees no edit control on the client map and the service views; an
// editor sees them on the same pages.
import type { Page } from 'playwright-core';
import type { Role } from '../src/gql/graphql';
import { expect, test } from 'vitest';
import {
  addObjectiveThroughForm,
  addRequirementThroughForm,
  clientTree,
  commitThroughForm,
  commitmentExists,
  createToken,
  gql,
  listClients,
  mapNode,
  newClientThroughForm,
  newServiceThroughForm,
  openClientMap,
  serviceById,
  unique,
  type ClientTree,
} from './api';
import { describeInBrowser, screenshots, waitForView, type BrowserTests, type CheckedPage } from './browser';

/** A page signed in with a token of its own for a role. */
async function as(b: BrowserTests, role: Exclude<Role, 'ADMIN'>, path: string): Promise<CheckedPage> {
  const secret = await createToken(b.server, { name: unique(role).toLowerCase().replace(/\s+/g, '-'), role });
  return b.signedIn(path, secret);
}

async function tree(b: BrowserTests, id: string): Promise<ClientTree> {
  const t = await clientTree(b.server, id);
  if (!t) throw new Error(`client ${id} is missing`);
  return t;
}

/** Every button in the view that changes something. */
const EDIT_CONTROL = /^(New client|New service|Add objective|Add requirement|Edit|Delete|Commit a service|Record measurement)\b/;

async function editControls(page: Page): Promise<string[]> {
  return (await page.getByRole('main').getByRole('button', { name: EDIT_CONTROL }).allInnerTexts()).map((s) => s.replace(/\s+/g, ' ').trim());
}

describeInBrowser('roles and deletes', (b) => {
  test('deleting a requirement, then the client, asks first and says what goes with it; cancel keeps all, confirm removes it', async () => {
    const n = { client: unique('Client'), objective: unique('Objective'), a: unique('Requirement A'), b: unique('Requirement B'), service: unique('Service') };
    const p = await as(b, 'EDITOR', '/');
    const { page } = p;
    await waitForView(page, 'portfolio');
    const clientId = await newClientThroughForm(page, n.client, '120000.00');
    await addObjectiveThroughForm(page, n.objective);
    await addRequirementThroughForm(page, n.objective, { title: n.a, priority: 'MUST', metric: 'support_hours', value: '168' });
    await addRequirementThroughForm(page, n.objective, { title: n.b, priority: 'SHOULD', metric: 'availability', value: '99.9' });
    // No monthly cost: once uncommitted, the service is not an orphan that other tests would count.
    const serviceId = await newServiceThroughForm(page, {
      name: n.service,
      monthlyCost: '0.00',
      capacity: '',
      levels: [
        { metric: 'support_hours', value: '168' },
        { metric: 'availability', value: '99.95' },
      ],
    });
    await openClientMap(page, n.client);
    await commitThroughForm(page, n.a, n.service, '100');
    await commitThroughForm(page, n.b, n.service, '100');
    const before = await tree(b, clientId);
    const reqs = before.objectives.flatMap((o) => o.requirements);
    expect(reqs.map((r) => [r.title, r.coverage.status, r.commitments.length])).toEqual([
      [n.a, 'COVERED', 1],
      [n.b, 'COVERED', 1],
    ]);
    const [a, bReq] = reqs as [(typeof reqs)[0], (typeof reqs)[0]];
    const commitmentA = a.commitments[0]!.id;
    const commitmentB = bReq.commitments[0]!.id;

    // Delete requirement A: the dialog names the commitment it removes; cancel.
    await mapNode(page, 'Requirement', n.a).click();
    await page.getByRole('region', { name: n.a }).getByRole('button', { name: 'Delete requirement' }).click();
    const confirmA = page.getByRole('dialog', { name: 'Delete requirement' });
    expect((await confirmA.locator('.dialog-body').innerText()).trim()).toBe(
      `Delete the requirement “${n.a}”? This also removes its 1 commitment (to ${n.service}); the services stay in the catalog. This cannot be undone.`,
    );
    await screenshots(page, 'deletes-1-requirement-confirm', { fullPage: false });
    await confirmA.getByRole('button', { name: 'Cancel' }).click();
    await confirmA.waitFor({ state: 'hidden' });
    expect(await tree(b, clientId), 'cancel removes nothing').toEqual(before);
    expect(await commitmentExists(b.server, commitmentA)).toBe(true);
    await mapNode(page, 'Requirement', n.a).waitFor();
    p.expectNoErrors();

    // Again, and confirm: gone from the map and from the API, with its commitment; the service stays.
    await page.getByRole('region', { name: n.a }).getByRole('button', { name: 'Delete requirement' }).click();
    await confirmA.getByRole('button', { name: 'Delete', exact: true }).click();
    await confirmA.waitFor({ state: 'hidden' });
    await mapNode(page, 'Requirement', n.a).waitFor({ state: 'detached' });
    await mapNode(page, 'Requirement', n.b).waitFor();
    const after = await tree(b, clientId);
    expect(after.objectives.flatMap((o) => o.requirements.map((r) => r.id))).toEqual([bReq.id]);
    expect(await commitmentExists(b.server, commitmentA)).toBe(false);
    expect((await serviceById(b.server, serviceId))?.commitments.map((c) => c.id)).toEqual([commitmentB]);
    await screenshots(page, 'deletes-2-requirement-deleted');
    p.expectNoErrors();

    // Delete the client: the dialog names it and what goes with it.
    await page.getByRole('button', { name: 'Delete client' }).click();
    const confirmClient = page.getByRole('dialog', { name: 'Delete client' });
    expect((await confirmClient.locator('.dialog-body').innerText()).trim()).toBe(
      `Delete ${n.client}? This also removes its 1 objective, 1 requirement and 1 commitment. The services stay in the catalog. This cannot be undone.`,
    );
    await screenshots(page, 'deletes-3-client-confirm', { fullPage: false });
    await confirmClient.getByRole('button', { name: 'Delete', exact: true }).click();
    await page.waitForURL((u) => u.pathname === '/');
    await waitForView(page, 'portfolio');
    await page.getByRole('searchbox', { name: 'Search clients' }).fill(n.client);
    await page.getByText('No client matches.').waitFor();
    expect(await page.getByRole('link', { name: n.client }).count()).toBe(0);
    await screenshots(page, 'deletes-4-client-gone');

    expect(await clientTree(b.server, clientId)).toBeNull();
    expect((await listClients(b.server, { search: n.client })).totalCount).toBe(0);
    const gone = await gql<{ objective: unknown; requirement: unknown }>(
      b.server,
      `query E2EGone($o: ID!, $r: ID!) { objective(id: $o) { id } requirement(id: $r) { id } }`,
      { o: before.objectives[0]!.id, r: bReq.id },
    );
    expect(gone).toEqual({ objective: null, requirement: null });
    expect(await commitmentExists(b.server, commitmentB)).toBe(false);
    expect((await serviceById(b.server, serviceId))?.commitments, 'the service stays, uncommitted').toEqual([]);
    p.expectNoErrors();
  });

  test('a viewer sees no edit control on the client map and the service views; an editor sees them there', async () => {
    const { client } = await gql<{ client: { name: string; objectives: Array<{ title: string; requirements: Array<{ title: string }> }> } }>(
      b.server,
      `{ client(id: "2") { name objectives { title requirements { title } } } }`,
    );
    const { services } = await gql<{ services: { nodes: Array<{ id: string; name: string }> } }>(b.server, `{ services(first: 1) { nodes { id name } } }`);
    const objective = client.objectives[0]!;
    const requirement = objective.requirements[0]!.title;
    const service = services.nodes[0]!;

    /** Opens the map, a requirement's details, the list, the catalog and a service; returns the edit controls seen on each. */
    async function controls(role: Exclude<Role, 'ADMIN'>): Promise<Record<string, string[]>> {
      const p = await as(b, role, '/clients/2');
      const { page } = p;
      const seen: Record<string, string[]> = {};
      await waitForView(page, 'client');
      await page.getByRole('link', { name: new RegExp(` · ${role.toLowerCase()}$`) }).waitFor();
      await mapNode(page, 'Objective', objective.title).waitFor();
      seen.map = await editControls(page);
      await mapNode(page, 'Requirement', requirement).click();
      await page.getByRole('region', { name: requirement }).getByRole('heading', { name: 'Targets' }).waitFor();
      seen.detail = await editControls(page);
      await screenshots(page, `roles-${role.toLowerCase()}-map`);
      await page.getByRole('group', { name: 'Show the map as' }).getByRole('button', { name: 'List' }).click();
      await page.getByRole('heading', { level: 3, name: `Objective ${objective.title}` }).waitFor();
      seen.list = await editControls(page);
      await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Services' }).click();
      await waitForView(page, 'services');
      await page.getByRole('link', { name: service.name, exact: true }).waitFor();
      seen.services = await editControls(page);
      await page.getByRole('link', { name: service.name, exact: true }).click();
      await waitForView(page, 'service');
      await page.getByRole('heading', { level: 1, name: service.name }).waitFor();
      seen.service = await editControls(page);
      await screenshots(page, `roles-${role.toLowerCase()}-service`);
      p.expectNoErrors();
      return seen;
    }

    const viewer = await controls('VIEWER');
    expect(viewer).toEqual({ map: [], detail: [], list: [], services: [], service: [] });

    const editor = await controls('EDITOR');
    expect(editor.map).toEqual(expect.arrayContaining(['Edit client', 'Delete client', 'Add objective']));
    expect(editor.detail).toEqual(expect.arrayContaining(['Commit a service', 'Edit requirement', 'Delete requirement']));
    const perObjective = client.objectives.flatMap((o) => [`Add requirement to ${o.title}`, `Edit objective ${o.title}`, `Delete objective ${o.title}`]);
    expect(editor.list).toEqual(expect.arrayContaining(perObjective));
    expect(editor.services).toEqual(['New service']);
    expect(editor.service).toEqual(['Record measurement', 'Edit', 'Delete']);
  });
});
