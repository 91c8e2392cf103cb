// Editing through the forms, as a user would: a client's map built from
// nothing, its requirement's status following each change on the map (gap,
// then covered, then under-delivered) without a reload; an objective and a
// requirement changed through their edit dialogs; a bad target refused at its
// field. The API reads back what the forms wrote, or that they wrote nothing.
import type { Locator, Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { formatLevel, formatMoney } from '../src/shared/format';
import {
  addObjectiveThroughForm,
  addRequirementThroughForm,
  clientTree,
  commitThroughForm,
  createToken,
  gql,
  literal,
  mapNode,
  newClientThroughForm,
  newServiceThroughForm,
  openClientMap,
  serviceById,
  unique,
  type ClientTree,
  type RequirementRow,
} from './api';
import { describeInBrowser, screenshots, waitForView, type BrowserTests, type CheckedPage } from './browser';

/** Marks the document; the mark is lost if the page reloads. */
async function markDocument(page: Page): Promise<void> {
  await page.evaluate(() => {
    (window as unknown as { e2eMark?: string }).e2eMark = 'not reloaded';
  });
}

async function sameDocument(page: Page): Promise<boolean> {
  return page.evaluate(() => (window as unknown as { e2eMark?: string }).e2eMark === 'not reloaded');
}

/** The client's map as the API has it; fails when the client is gone. */
async function tree(b: BrowserTests, clientId: string): Promise<ClientTree> {
  const t = await clientTree(b.server, clientId);
  if (!t) throw new Error(`client ${clientId} is missing`);
  return t;
}

/** The only requirement of the client's only objective, as the API has it. */
async function onlyRequirement(b: BrowserTests, clientId: string): Promise<RequirementRow> {
  const t = await tree(b, clientId);
  expect(t.objectives).toHaveLength(1);
  expect(t.objectives[0]?.requirements).toHaveLength(1);
  return t.objectives[0]!.requirements[0]!;
}

/**
 * What the map shows in a place, or the error box the map shows instead (a
 * refresh the server refused), so that a failure says why.
 */
async function onMap(page: Page, place: Locator): Promise<string> {
  const errors = await page.locator('main > section.page[data-view="client"] .state.error').allInnerTexts();
  if (errors.length) return `error box: ${errors.join(' | ')}`;
  return (await place.count()) ? place.first().innerText() : 'not shown';
}

/** Waits until the requirement's node on the graph shows a status label and a percent. */
async function expectNode(page: Page, title: string, label: string, percent: number): Promise<void> {
  const node = mapNode(page, 'Requirement', title);
  await expect.poll(() => onMap(page, node), { timeout: 10_000 }).toMatch(new RegExp(`(^|\\s)${literal(label)}\\s[\\s\\S]*\\b${percent}%`));
}

/** A page signed in with an editor token of its own, as a separate user (the API checks use the admin token). */
async function asEditor(b: BrowserTests, path = '/'): Promise<CheckedPage> {
  const secret = await createToken(b.server, { name: unique('editor').toLowerCase().replace(/\s+/g, '-'), role: 'EDITOR' });
  return b.signedIn(path, secret);
}

const supportTarget = { metric: 'support_hours', value: '168' };

describeInBrowser('editing', (b) => {
  test('a user builds a map through the forms; the requirement goes from gap to covered on the map, without a reload', async () => {
    const n = { client: unique('Client'), objective: unique('Objective'), requirement: unique('Requirement'), service: unique('Service') };
    const p = await asEditor(b);
    const { page } = p;
    await waitForView(page, 'portfolio');
    await markDocument(page);

    // A client, from the portfolio's "New client".
    const clientId = await newClientThroughForm(page, n.client, '240000.00');
    const contract = page.locator('main .kpi').filter({ has: page.getByText('Annual contract value', { exact: true }) });
    expect(await contract.innerText()).toContain(formatMoney('240000.00'));
    await page.getByText(`${n.client} has no objectives yet`).waitFor();
    await screenshots(page, 'editing-1-new-client');

    // An objective, then a requirement with a target: nothing is committed, a gap.
    await addObjectiveThroughForm(page, n.objective);
    await screenshots(page, 'editing-2-objective');
    await addRequirementThroughForm(page, n.objective, { title: n.requirement, priority: 'MUST', ...supportTarget });
    const gap = await onlyRequirement(b, clientId);
    expect(gap.coverage).toEqual({ status: 'GAP', percent: 0 });
    await expectNode(page, n.requirement, 'Gap', 0);
    const detail = page.getByRole('region', { name: n.requirement });
    await detail.getByText('No service is committed to it: a gap.').waitFor();
    await detail.getByText(`Staffed support hours: ${formatLevel(168, 'hours/week')}`).waitFor();
    await screenshots(page, 'editing-3-requirement-gap');
    p.expectNoErrors();

    // A service designed for the target, from the Services view.
    const serviceId = await newServiceThroughForm(page, { name: n.service, monthlyCost: '1250.50', capacity: '10', levels: [supportTarget] });
    const designed = page.getByRole('table', { name: /Designed levels/ }).getByRole('row', { name: /Staffed support hours/ });
    expect(await designed.innerText()).toContain(formatLevel(168, 'hours/week'));
    await screenshots(page, 'editing-4-new-service');
    p.expectNoErrors();

    // Back on the map, the service committed to the requirement: covered, by design.
    await openClientMap(page, n.client);
    await expectNode(page, n.requirement, 'Gap', 0);
    await commitThroughForm(page, n.requirement, n.service, '100');
    const covered = await onlyRequirement(b, clientId);
    expect(covered.coverage).toEqual({ status: 'COVERED', percent: 100 });
    await expectNode(page, n.requirement, 'Covered', 100);
    const commitment = detail.getByRole('article').filter({ has: page.getByRole('link', { name: n.service }) });
    expect(await commitment.innerText()).toMatch(/Holds[\s\S]*Covers 100% of the requirement/);
    expect(await sameDocument(page), 'the map changed without a reload').toBe(true);
    await screenshots(page, 'editing-5-committed-covered');

    // Every object exists with the values typed.
    const t = await tree(b, clientId);
    expect({ name: t.name, annualContractValue: t.annualContractValue }).toEqual({ name: n.client, annualContractValue: '240000.00' });
    expect(t.objectives.map((o) => o.title)).toEqual([n.objective]);
    expect({ title: covered.title, priority: covered.priority, targets: covered.targets }).toEqual({
      title: n.requirement,
      priority: 'MUST',
      targets: [{ metric: { key: 'support_hours' }, value: 168 }],
    });
    expect(covered.commitments).toEqual([{ id: expect.any(String), coveragePercent: 100, holds: true, service: { id: serviceId, name: n.service } }]);
    const s = await serviceById(b.server, serviceId);
    expect(s).toMatchObject({
      name: n.service,
      lifecycle: 'LIVE',
      monthlyCost: '1250.50',
      capacity: 10,
      designedLevels: [{ metric: { key: 'support_hours' }, value: 168 }],
      measurements: [],
    });
    expect(s?.commitments.map((c) => c.requirement.id)).toEqual([covered.id]);
    p.expectNoErrors();
  });

  test('a measurement that misses the target, recorded on the service page, makes the requirement under-delivered', async () => {
    const n = { client: unique('Client'), objective: unique('Objective'), requirement: unique('Requirement'), service: unique('Service') };
    const p = await asEditor(b);
    const { page } = p;
    await waitForView(page, 'portfolio');
    await markDocument(page);
    const clientId = await newClientThroughForm(page, n.client, '96000.00');
    await addObjectiveThroughForm(page, n.objective);
    await addRequirementThroughForm(page, n.objective, { title: n.requirement, priority: 'SHOULD', ...supportTarget });
    const serviceId = await newServiceThroughForm(page, { name: n.service, monthlyCost: '800.00', capacity: '5', levels: [supportTarget] });
    await openClientMap(page, n.client);
    await commitThroughForm(page, n.requirement, n.service, '100');
    await expectNode(page, n.requirement, 'Covered', 100);
    expect((await onlyRequirement(b, clientId)).coverage.status).toBe('COVERED');

    // From the requirement's details to the service's page; a measurement of 45 h/week against 168 promised.
    await page.getByRole('region', { name: n.requirement }).getByRole('link', { name: n.service }).click();
    await waitForView(page, 'service');
    await page.getByRole('button', { name: 'Record measurement' }).click();
    const dialog = page.getByRole('dialog', { name: `Record a measurement of ${n.service}` });
    expect(await dialog.getByLabel('Metric', { exact: true }).inputValue()).toBe('support_hours');
    await dialog.getByLabel(/^Measured value/).fill('45');
    await dialog.getByLabel('Source').fill('E2E ticket report');
    await screenshots(page, 'editing-6-measurement-form', { fullPage: false });
    await dialog.getByRole('button', { name: 'Record measurement' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const latest = page.getByRole('table', { name: /Designed levels/ }).getByRole('row', { name: /Staffed support hours/ });
    await expect.poll(() => latest.innerText()).toMatch(/45 hours\/week[\s\S]*Misses/);
    const s = await serviceById(b.server, serviceId);
    expect(s?.measurements.map((m) => ({ metric: m.metric.key, value: m.value }))).toEqual([{ metric: 'support_hours', value: 45 }]);
    await screenshots(page, 'editing-7-service-measured');

    // Back to the client from the service's page: the requirement is under-delivered, as the API says.
    await page.getByRole('link', { name: n.client, exact: true }).first().click();
    await waitForView(page, 'client');
    const r = await onlyRequirement(b, clientId);
    expect(r.coverage).toEqual({ status: 'UNDER_DELIVERED', percent: 0 });
    expect(r.commitments.map((c) => c.holds)).toEqual([false]);
    await expectNode(page, n.requirement, 'Under-delivered', 0);
    await mapNode(page, 'Requirement', n.requirement).click();
    const detail = page.getByRole('region', { name: n.requirement });
    await detail.getByText(`Promised 168 hours/week of staffed support hours; ${n.service} is designed for 168, measured 45.`).waitFor();
    expect(await detail.getByRole('article').innerText()).toMatch(/Does not hold[\s\S]*Covers 100% of the requirement/);
    expect(await sameDocument(page), 'no reload on the way').toBe(true);
    await screenshots(page, 'editing-8-under-delivered');
    p.expectNoErrors();
  });

  test('renaming the objective and changing the target through their edit dialogs shows on the map and in the API', async () => {
    const n = { client: unique('Client'), objective: unique('Objective'), requirement: unique('Requirement') };
    const renamed = `${n.objective} (renamed)`;
    const p = await asEditor(b);
    const { page } = p;
    await waitForView(page, 'portfolio');
    const clientId = await newClientThroughForm(page, n.client, '50000.00');
    await addObjectiveThroughForm(page, n.objective);
    await addRequirementThroughForm(page, n.objective, { title: n.requirement, priority: 'COULD', metric: 'availability', value: '99.9' });
    expect((await onlyRequirement(b, clientId)).targets).toEqual([{ metric: { key: 'availability' }, value: 99.9 }]);

    // The objective, from the list view's "Edit" button.
    await page.getByRole('group', { name: 'Show the map as' }).getByRole('button', { name: 'List' }).click();
    await page.getByRole('button', { name: `Edit objective ${n.objective}` }).click();
    const objective = page.getByRole('dialog', { name: 'Change objective' });
    const title = objective.getByLabel('Title', { exact: true });
    expect(await title.inputValue()).toBe(n.objective);
    await title.fill(renamed);
    await screenshots(page, 'editing-9-rename-objective', { fullPage: false });
    await objective.getByRole('button', { name: 'Save' }).click();
    await objective.waitFor({ state: 'hidden' });
    await page.getByRole('heading', { level: 3, name: `Objective ${renamed}` }).waitFor();
    expect(await page.getByRole('heading', { level: 3, name: `Objective ${n.objective}`, exact: true }).count()).toBe(0);
    expect((await tree(b, clientId)).objectives.map((o) => o.title)).toEqual([renamed]);
    p.expectNoErrors();

    // The requirement's target, from its details' "Edit requirement".
    await page.getByRole('button', { name: new RegExp(`^${literal(n.requirement)}`) }).click();
    const detail = page.getByRole('region', { name: n.requirement });
    await detail.getByRole('button', { name: 'Edit requirement' }).click();
    const requirement = page.getByRole('dialog', { name: 'Change requirement' });
    const value = requirement.getByLabel(/^Value/);
    expect(await value.inputValue()).toBe('99.9');
    expect(await requirement.getByLabel('Metric 1').inputValue()).toBe('availability');
    await value.fill('99.5');
    await requirement.getByRole('button', { name: 'Save' }).click();
    await requirement.waitFor({ state: 'hidden' });
    await expect.poll(() => onMap(page, detail.getByRole('list').filter({ hasText: 'Availability:' }))).toBe('Availability: 99.5% (at least)');
    const r = await onlyRequirement(b, clientId);
    expect({ title: r.title, priority: r.priority, targets: r.targets }).toEqual({
      title: n.requirement,
      priority: 'COULD',
      targets: [{ metric: { key: 'availability' }, value: 99.5 }],
    });
    // The graph shows the new title too.
    await page.getByRole('group', { name: 'Show the map as' }).getByRole('button', { name: 'Graph' }).click();
    await mapNode(page, 'Objective', renamed).waitFor();
    await screenshots(page, 'editing-10-edited');
    p.expectNoErrors();
  });

  test('a target above 100% shows the server error at the value field, keeps the dialog open and writes nothing', async () => {
    const n = { client: unique('Client'), objective: unique('Objective'), requirement: unique('Requirement') };
    const p = await asEditor(b);
    const { page } = p;
    await waitForView(page, 'portfolio');
    const clientId = await newClientThroughForm(page, n.client, '10000.00');
    await addObjectiveThroughForm(page, n.objective);

    await mapNode(page, 'Objective', n.objective).click();
    await page.getByRole('button', { name: 'Add requirement', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'New requirement' });
    await dialog.getByLabel('Title', { exact: true }).fill(n.requirement);
    await dialog.getByRole('button', { name: '+ Add target' }).click();
    await dialog.getByLabel('Metric 1').selectOption('availability');
    const value = dialog.getByLabel(/^Value/);
    await value.fill('150');
    await dialog.getByRole('button', { name: 'Create requirement' }).click();

    const field = dialog.locator('.field').filter({ has: page.getByLabel(/^Value/) });
    const error = field.locator('.field-error');
    await error.waitFor();
    expect((await error.innerText()).trim()).toBe('availability is a percentage: give a value from 0 to 100 (got 150)');
    expect(await value.getAttribute('aria-invalid')).toBe('true');
    expect(await value.getAttribute('aria-describedby')).toBe(await error.getAttribute('id'));
    expect(await dialog.locator('.field-error').count(), 'only the value field shows an error').toBe(1);
    expect(await dialog.isVisible(), 'the dialog stays open with the input').toBe(true);
    expect(await value.inputValue()).toBe('150');
    expect(await dialog.getByLabel('Title', { exact: true }).inputValue()).toBe(n.requirement);
    await screenshots(page, 'editing-11-target-over-100', { fullPage: false });

    // Nothing was written.
    expect((await tree(b, clientId)).objectives.map((o) => o.requirements.length)).toEqual([0]);
    const found = await gql<{ requirements: { totalCount: number } }>(
      b.server,
      `query E2ENoRequirement($filter: RequirementFilter) { requirements(filter: $filter) { totalCount } }`,
      { filter: { clientId, search: n.requirement } },
    );
    expect(found.requirements.totalCount).toBe(0);

    // Corrected, it is written once.
    await value.fill('99.95');
    await dialog.getByRole('button', { name: 'Create requirement' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await mapNode(page, 'Requirement', n.requirement).waitFor();
    expect((await onlyRequirement(b, clientId)).targets).toEqual([{ metric: { key: 'availability' }, value: 99.95 }]);
    p.expectNoErrors();
  });
});
