// Stale evidence: a live service whose last availability figure ended 60 days
// ago (the window is 45) shows "Evidence stale since <that end + 45 days>" on
// the client map (graph, list and detail), in the matrix cell, on the service
// page and in the Review view with the reason in words; a second commitment,
// to a service measured yesterday, shows no mark, and one to a live service
// never measured says "No measurements yet".
import { expect, test } from 'vitest';
import { gql, unique } from './api';
import { describeInBrowser, screenshots, waitForView, type BrowserTests } from './browser';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAY = 24 * 60 * 60 * 1000;
const day = (t: number) => `${new Date(t).getUTCDate()} ${MONTHS[new Date(t).getUTCMonth()]}`;

type Seeded = { client: string; requirement: string; stale: string; fresh: string; never: string; staleService: string; end: number };

async function seed(b: BrowserTests): Promise<Seeded> {
  const id = async (query: string, input: Record<string, unknown>): Promise<string> => {
    const d = await gql<Record<string, { id: string }>>(b.server, query, { in: input });
    return Object.values(d)[0]!.id;
  };
  // The largest contract of the portfolio, a MUST: first on the Review lists.
  const client = await id(`mutation($in: ClientInput!) { createClient(input: $in) { id } }`, { name: unique('Stale client'), annualContractValue: '900000000' });
  const objective = await id(`mutation($in: ObjectiveInput!) { createObjective(input: $in) { id } }`, { clientId: client, title: unique('Uptime') });
  const requirement = await id(`mutation($in: RequirementInput!) { createRequirement(input: $in) { id } }`, {
    objectiveId: objective,
    title: unique('Always on'),
    priority: 'MUST',
    targets: [{ metric: 'availability', value: 99 }],
  });
  const service = (name: string) =>
    id(`mutation($in: ServiceInput!) { createService(input: $in) { id } }`, { name: unique(name), lifecycle: 'LIVE', designedLevels: [{ metric: 'availability', value: 99.9 }] });
  const [staleService, freshService, neverService] = [await service('Old Hosting'), await service('New Hosting'), await service('Unmeasured Hosting')];
  const end = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate()) - 60 * DAY;
  const measure = (serviceId: string, periodEnd: number) =>
    gql(b.server, `mutation($in: MeasurementInput!) { recordMeasurement(input: $in) { id } }`, {
      in: { serviceId, metric: 'availability', value: 99.95, periodStart: new Date(periodEnd - 30 * DAY).toISOString(), periodEnd: new Date(periodEnd).toISOString() },
    });
  await measure(staleService, end);
  await measure(freshService, Date.now() - DAY);
  const commit = (serviceId: string) => id(`mutation($in: CommitmentInput!) { createCommitment(input: $in) { id } }`, { requirementId: requirement, serviceId });
  return { client, requirement, stale: await commit(staleService), fresh: await commit(freshService), never: await commit(neverService), staleService, end };
}

describeInBrowser('stale evidence', (b) => {
  test('the stale mark on the map, the matrix, the service page and in Review', async () => {
    const s = await seed(b);
    const since = `Evidence stale since ${day(s.end + 45 * DAY)}`;
    const reason = `No measurement of availability since ${day(s.end)}; the window is 45 days.`;
    const api = await gql<{ commitment: { evidence: { stale: boolean; reason: string } } }>(
      b.server,
      `query($id: ID!) { commitment(id: $id) { evidence { stale reason } } }`,
      { id: s.stale },
    );
    expect(api.commitment.evidence).toEqual({ stale: true, reason });

    // The map's graph: the requirement node and the commitments' edge labels.
    const p = await b.signedIn(`/clients/${s.client}`);
    const page = p.page;
    const map = await waitForView(page, 'client');
    const node = map.locator(`[data-node="requirement-${s.requirement}"]`);
    await expect.poll(() => node.locator('.stale-mark').innerText()).toMatch(/No measurements yet$/);
    expect(await map.locator(`g.clientmap-edge-label[data-commitment="${s.stale}"]`).textContent()).toContain('⌛ stale');
    expect(await map.locator(`g.clientmap-edge-label[data-commitment="${s.fresh}"]`).textContent()).not.toContain('stale');
    // The detail of the requirement: each commitment with its mark and reason.
    await node.click();
    await expect.poll(() => map.locator('.clientmap-stale-reason').allInnerTexts()).toContain(reason);
    await screenshots(page, 'stale-map');

    // The list mode: the mark in words, beside each stale commitment.
    await page.goto(`/clients/${s.client}?view=list`);
    const list = await waitForView(page, 'client');
    await expect.poll(() => list.locator(`li[data-commitment="${s.stale}"] .stale-mark`).innerText()).toMatch(new RegExp(`${since}$`));
    expect(await list.locator(`li[data-commitment="${s.never}"] .stale-mark`).innerText()).toMatch(/No measurements yet$/);
    expect(await list.locator(`li[data-commitment="${s.fresh}"] .stale-mark`).count()).toBe(0);

    // The matrix of the client: the stale commitment's cell.
    await page.goto(`/matrix?client=${s.client}`);
    const matrix = await waitForView(page, 'matrix');
    const cell = matrix.locator(`td[data-commitment="${s.stale}"]`);
    await expect.poll(() => cell.locator('.stale-mark').innerText()).toContain('Stale');
    expect(await cell.getAttribute('title')).toContain(since);
    expect(await matrix.locator(`td[data-commitment="${s.fresh}"] .stale-mark`).count()).toBe(0);
    await screenshots(page, 'stale-matrix');

    // The service page: its commitments.
    await page.goto(`/services/${s.staleService}`);
    const service = await waitForView(page, 'service');
    await expect.poll(() => service.locator(`tr[data-commitment="${s.stale}"] .stale-mark`).innerText()).toMatch(new RegExp(`${since}$`));

    // Review: listed with the reason in words.
    await page.getByRole('link', { name: 'Review', exact: true }).first().click();
    const review = await waitForView(page, 'review');
    const item = review.locator(`li[data-stale-commitment="${s.stale}"]`);
    await expect.poll(() => item.locator('.review-reason').innerText()).toBe(reason);
    expect(await item.locator('.stale-mark').innerText()).toMatch(new RegExp(`${since}$`));
    expect(await review.locator(`li[data-stale-commitment="${s.never}"] .review-reason`).innerText()).toBe(
      'No measurement of availability yet; the window is 45 days.',
    );
    expect(await review.locator(`li[data-stale-commitment="${s.fresh}"]`).count()).toBe(0);
    await screenshots(page, 'stale-review');
    p.expectNoErrors();
  });
});
