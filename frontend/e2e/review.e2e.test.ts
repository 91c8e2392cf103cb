// The Review view: a changed target puts a commitment on the list with the
// reason in words; an editor confirms it with a note, and it leaves the list
// (the API then has it confirmed, by whom, with the note), while another
// commitment still waiting stays.
import { expect, test } from 'vitest';
import { gql, unique } from './api';
import { describeInBrowser, screenshots, waitForView, type BrowserTests } from './browser';

type Created = { client: string; requirement: string; commitment: string; service: string };

async function changedPromise(b: BrowserTests, name: string, service: string): Promise<Created> {
  const id = async (query: string, input: Record<string, unknown>): Promise<string> => {
    const d = await gql<Record<string, { id: string }>>(b.server, query, { in: input });
    return Object.values(d)[0]!.id;
  };
  const client = await id(`mutation($in: ClientInput!) { createClient(input: $in) { id } }`, { name, annualContractValue: '25000' });
  const objective = await id(`mutation($in: ObjectiveInput!) { createObjective(input: $in) { id } }`, { clientId: client, title: unique('Support') });
  const requirement = await id(`mutation($in: RequirementInput!) { createRequirement(input: $in) { id } }`, {
    objectiveId: objective,
    title: unique('Fast answers'),
    priority: 'MUST',
    targets: [{ metric: 'response_minutes', value: 30 }],
  });
  const serviceId = await id(`mutation($in: ServiceInput!) { createService(input: $in) { id } }`, {
    name: service,
    designedLevels: [{ metric: 'response_minutes', value: 30 }],
  });
  const commitment = await id(`mutation($in: CommitmentInput!) { createCommitment(input: $in) { id } }`, { requirementId: requirement, serviceId });
  await gql(b.server, `mutation($id: ID!) { updateRequirement(id: $id, input: { targets: [{ metric: "response_minutes", value: 15 }] }) { id } }`, {
    id: requirement,
  });
  return { client, requirement, commitment, service: serviceId };
}

describeInBrowser('review', (b) => {
  test('a changed target is listed with its reason; an editor confirms it with a note and it leaves the list', async () => {
    const desk = unique('Service Desk — Office Hours');
    const one = await changedPromise(b, unique('Review client'), desk);
    const other = await changedPromise(b, unique('Review client'), unique('Service Desk — Nights'));

    const p = await b.signedIn('/');
    const page = p.page;
    await page.getByRole('link', { name: 'Review', exact: true }).first().click();
    const view = await waitForView(page, 'review');
    expect(page.url()).toMatch(/\/review$/);
    const item = view.locator(`li[data-commitment="${one.commitment}"]`);
    await expect.poll(() => item.locator('.review-reason').innerText()).toMatch(
      new RegExp(`^The target for response time changed from 30 to 15 minutes on \\d{1,2} [A-Z][a-z]{2}; ${desk.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is designed for 30\\.$`),
    );
    await expect.poll(() => view.locator(`li[data-commitment="${other.commitment}"]`).count()).toBe(1);
    await screenshots(page, 'review-list');

    await item.getByLabel('Note (optional)').fill('Desk hours extended');
    await item.getByRole('button', { name: 'Confirm' }).click();
    await expect.poll(() => item.count(), { timeout: 10_000 }).toBe(0);
    expect(await view.locator(`li[data-commitment="${other.commitment}"]`).count()).toBe(1);

    const d = await gql<{ commitment: { review: { needed: boolean; confirmedBy: string | null; note: string | null } } }>(
      b.server,
      `query($id: ID!) { commitment(id: $id) { review { needed confirmedBy note } } }`,
      { id: one.commitment },
    );
    expect(d.commitment.review.needed).toBe(false);
    expect(d.commitment.review.note).toBe('Desk hours extended');
    expect(d.commitment.review.confirmedBy).toBeTruthy();
    p.expectNoErrors();
  });
});
