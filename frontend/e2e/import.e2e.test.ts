// Importing a workbook as a user would: the dry run shows the one problem
// in its row and column, highlighted; fixed, the dry run is clean and the
// import writes the rows, which the client's map then shows.
import { expect, test } from 'vitest';
import { listClients, mapNode, unique } from './api';
import { describeInBrowser, screenshots, waitForView } from './browser';
import { workbook } from './xlsx';

function sheets(client: string, service: string, named: string) {
  return {
    Clients: [
      ['name', 'industry', 'status', 'annualContractValue'],
      [client, 'Logistics', 'ACTIVE', '250000'],
    ],
    Services: [
      ['name', 'lifecycle', 'monthlyCost', 'designedLevels'],
      [service, 'LIVE', '4000', 'support_hours=168'],
    ],
    Objectives: [
      ['client', 'title', 'priority'],
      [client, 'Run the depots at night', 'MUST'],
    ],
    Requirements: [
      ['client', 'objective', 'title', 'priority', 'targets'],
      [client, 'Run the depots at night', 'Night support', 'MUST', 'support_hours=168'],
    ],
    Commitments: [
      ['client', 'objective', 'requirement', 'service', 'coveragePercent'],
      [client, 'Run the depots at night', 'Night support', named, '100'],
    ],
  };
}

describeInBrowser('import', (b) => {
  test('a workbook with a problem is shown with the problem highlighted; fixed, it imports and the map shows it', async () => {
    const client = unique('Import Client');
    const service = unique('Desk 24/7');
    const p = await b.signedIn('/import');
    const { page } = p;
    const root = await waitForView(page, 'import');
    await expect.poll(() => page.getByRole('link', { name: 'Import', exact: true }).getAttribute('aria-current')).toBe('page');

    // A slip in the service's name: the dry run names the row and column and suggests the name.
    const typo = service.replace('24/7', '24x7');
    await root.locator('input[type=file]').setInputFiles({
      name: 'portfolio.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: workbook(sheets(client, service, typo)),
    });
    await root.getByRole('button', { name: 'Dry run' }).click();
    const problem = root.locator('table.import-problems tr.problem');
    await expect.poll(() => problem.count()).toBe(1);
    const cells = await problem.locator('td').allInnerTexts();
    expect(cells).toEqual(['Commitments', '2', 'service', `no service named "${typo}" — did you mean "${service}"?`]);
    expect(await root.locator('.import-headline').innerText()).toContain('1 problem: nothing was written');
    expect(await root.getByRole('button', { name: /^Import \d+ change/ }).count()).toBe(0);
    await screenshots(page, 'import-problem');
    expect((await listClients(b.server, { search: client })).totalCount, 'the dry run wrote nothing').toBe(0);

    // Fixed: a clean dry run lists what would be made; importing writes it.
    await root.locator('input[type=file]').setInputFiles({
      name: 'portfolio.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: workbook(sheets(client, service, service)),
    });
    await root.getByRole('button', { name: 'Dry run' }).click();
    await expect.poll(() => root.locator('.import-headline').innerText()).toBe('Dry run: 5 changes would be made. Nothing is written until you import.');
    expect(await root.locator('table.import-problems').count()).toBe(0);
    expect(await root.locator('table.import-changes tbody tr').count()).toBe(5);
    expect((await listClients(b.server, { search: client })).totalCount).toBe(0);
    await root.getByRole('button', { name: 'Import 5 changes' }).click();
    await expect.poll(() => root.locator('.import-headline').innerText()).toBe('Imported: 5 changes written.');
    await screenshots(page, 'import-done');

    const found = await listClients(b.server, { search: client });
    expect(found.nodes.map((c) => c.name)).toEqual([client]);
    await page.goto(`/clients/${found.nodes[0]!.id}`);
    await waitForView(page, 'client');
    await expect.poll(() => mapNode(page, 'Requirement', 'Night support').innerText()).toMatch(/Covered[\s\S]*100%/);
    await mapNode(page, 'Service', service).waitFor();
    p.expectNoErrors();
  });
});
