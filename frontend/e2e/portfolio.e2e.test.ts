// The portfolio: its figures and client list show the API's real data, and
// search, sorting and the status filter change the list as the API would.
import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { formatMoney, formatScore } from '../src/shared/format';
import { gql, listClients } from './api';
import { describeInBrowser, screenshots, waitForView } from './browser';

/** The client names of the table, top to bottom. */
async function rowNames(page: Page): Promise<string[]> {
  return (await page.locator('main table tbody th[scope="row"] a').allInnerTexts()).map((s) => s.trim());
}

/** Waits until the table lists exactly these clients, in this order. */
async function expectRows(page: Page, names: string[]): Promise<void> {
  await expect.poll(() => rowNames(page), { timeout: 10_000 }).toEqual(names);
}

/** The text of a figure, found by its label. */
async function figure(page: Page, label: string): Promise<string> {
  const kpi = page.locator('main .kpi').filter({ has: page.locator('.kpi-label', { hasText: label }) });
  return (await kpi.innerText()).replace(/\s+/g, ' ').trim();
}

describeInBrowser('portfolio', (b) => {
  test('figures and the client list render the real data; search, sort and filter work', async () => {
    const p = await b.signedIn('/');
    const { page } = p;
    await waitForView(page, 'portfolio');
    expect(await page.title()).toBe('Portfolio · Alliance');

    // The figures are the API's.
    const { portfolio } = await gql<{
      portfolio: { score: number | null; annualContractValue: string; monthlyServiceCost: string; orphanMonthlyCost: string };
    }>(b.server, '{ portfolio { score annualContractValue monthlyServiceCost orphanMonthlyCost } }');
    expect(await figure(page, 'Portfolio score')).toContain(formatScore(portfolio.score));
    expect(await page.getByRole('meter', { name: 'Portfolio score' }).getAttribute('aria-valuenow')).toBe(String(portfolio.score));
    expect(await figure(page, 'Annual contract value')).toContain(formatMoney(portfolio.annualContractValue));
    expect(await figure(page, 'Monthly service cost')).toContain(formatMoney(portfolio.monthlyServiceCost));
    expect(await figure(page, 'Waste')).toContain(formatMoney(portfolio.orphanMonthlyCost));
    expect(await figure(page, 'Requirements by status')).toMatch(/\d/);

    // Every client, by name, as the API lists them: the demo's eight and
    // any that other test files of the run made (they share the server).
    const all = await listClients(b.server);
    expect(all.totalCount).toBeGreaterThanOrEqual(8);
    expect(all.totalCount, 'one page of the view').toBeLessThanOrEqual(25);
    await expectRows(
      page,
      all.nodes.map((c) => c.name),
    );
    expect(await rowNames(page)).toContain('Kestrel Freight & Logistics');
    await screenshots(page, 'portfolio');
    p.expectNoErrors();

    // Search narrows the list.
    const search = page.getByRole('searchbox', { name: 'Search clients' });
    await search.fill('kestrel');
    await expectRows(page, ['Kestrel Freight & Logistics']);
    await search.fill('');
    await expectRows(
      page,
      all.nodes.map((c) => c.name),
    );

    // Sorting by score (first click: highest first) gives the API's order, not the names'.
    const byScore = await listClients(b.server, { field: 'SCORE', direction: 'DESC' });
    expect(byScore.nodes.map((c) => c.name)).not.toEqual(all.nodes.map((c) => c.name));
    await page.getByRole('button', { name: /^Score/ }).click();
    await expectRows(
      page,
      byScore.nodes.map((c) => c.name),
    );
    expect(await page.locator('th[aria-sort="descending"]').innerText()).toContain('Score');
    await page.getByRole('button', { name: /^Score/ }).click();
    const ascending = await listClients(b.server, { field: 'SCORE', direction: 'ASC' });
    await expectRows(
      page,
      ascending.nodes.map((c) => c.name),
    );
    await screenshots(page, 'portfolio-by-score');

    // The status filter: churned clients only.
    const churned = await listClients(b.server, { status: ['CHURNED'] });
    expect(churned.nodes.map((c) => c.name)).toContain('Harbourside Hotels Group');
    await page.getByRole('checkbox', { name: 'Churned' }).check();
    await expectRows(
      page,
      churned.nodes.map((c) => c.name),
    );
    await screenshots(page, 'portfolio-churned');
    p.expectNoErrors();
  });
});
