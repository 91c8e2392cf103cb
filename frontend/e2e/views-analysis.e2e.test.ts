// The coverage matrix, the gaps, the impact of retiring a service and the
// promise check render the demo portfolio's real data, compared with what the
// API answers in the same test.
import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { formatMoney, formatScore } from '../src/shared/format';
import { gql } from './api';
import { describeInBrowser, screenshots, waitForView } from './browser';
import { bodyRows, byText, cellIndex, cellText, clientWithShortfalls, escapeRe, expectPath, GAP_LABEL, type GapNode, gapsOf, type ImpactAnswer, impactOf, type MatchAnswer, matchesOf, type Metric, PROBLEMS, requirementsOf, rowLinked, rowOf, STATUS_LABEL, statusWords, textOf, textsOf, words } from './views';

describeInBrowser('matrix, gaps, impact and promise', (b) => {
  test('coverage matrix: a client’s cells, holds and gaps as the API says, sorting; the portfolio’s cells', async () => {
    const client = await clientWithShortfalls(b.server);
    const reqs = requirementsOf(client);
    const commitments = reqs.flatMap((r) => r.commitments.map((c) => ({ r, c })));

    const p = await b.signedIn(`/matrix?client=${client.id}`);
    const { page } = p;
    const root = await waitForView(page, 'matrix');
    const table = root.getByRole('table', { name: new RegExp(`^Coverage matrix of ${escapeRe(client.name)}:`) });
    await table.waitFor();

    // One cell with a percent per commitment, and no other.
    const cells = await textsOf(table.getByRole('cell'));
    expect(cells.filter((t) => /\d+%/.test(t)).length, 'cells showing a coverage percent').toBe(commitments.length);

    // Every commitment's cell: its percent, and whether it holds in words.
    const columns = async () => (await textsOf(table.locator('thead').getByRole('columnheader'))).slice(1);
    const rowTitles = () => textsOf(table.getByRole('rowheader').getByRole('link'));
    const serviceIds = new Map(commitments.map(({ c }) => [c.service.name, c.service.id]));
    const shownColumns = await columns();
    expect(shownColumns.length).toBe(serviceIds.size);
    for (const { r, c } of commitments) {
      const col = shownColumns.findIndex((h) => h.endsWith(c.service.name));
      expect(col, `a column for ${c.service.name}`).toBeGreaterThanOrEqual(0);
      const cell = await cellText(rowLinked(table, r.title), col);
      expect(cell, `the cell of "${r.title}" × ${c.service.name}`).toContain(`${c.coveragePercent}%`);
      if (c.holds) expect(cell).toMatch(/, holds$/);
      else if (c.service.lifecycle === 'PLANNED') expect(cell).toContain('planned: the service is not live yet');
      else expect(cell).toMatch(/, does not hold$/);
    }
    // Every row says its status in words; the gaps, over-promises and under-deliveries are counted above.
    for (const r of reqs) {
      const row = rowLinked(table, r.title);
      expect(await row.count(), `one row for "${r.title}"`).toBe(1);
      const header = await textOf(row.getByRole('rowheader'));
      expect(statusWords(header.replace(r.title, '')), `the status of row "${r.title}"`).toEqual([STATUS_LABEL[r.coverage.status]]);
    }
    const problems = reqs.filter((r) => PROBLEMS.includes(r.coverage.status)).length;
    expect(problems, 'the chosen client has rows that need attention').toBeGreaterThan(0);
    expect(await textOf(root.getByText(/needs? attention \(gap/))).toContain(`${problems} ${problems === 1 ? 'needs' : 'need'} attention`);

    // Default order: worst status first (then the lowest coverage, priority and title).
    const severity = ['GAP', 'OVERPROMISED', 'UNDER_DELIVERED', 'PLANNED', 'PARTIAL', 'COVERED'];
    const priority = ['MUST', 'SHOULD', 'COULD'];
    const worstFirst = [...reqs]
      .sort(
        (a, b) =>
          severity.indexOf(a.coverage.status) - severity.indexOf(b.coverage.status) ||
          a.coverage.percent - b.coverage.percent ||
          priority.indexOf(a.priority) - priority.indexOf(b.priority) ||
          byText(a.title, b.title),
      )
      .map((r) => r.title);
    expect(await rowTitles()).toEqual(worstFirst);
    await screenshots(page, 'views-matrix-client');

    // Sorting by title, then reversed; services by monthly cost.
    const byTitle = reqs.map((r) => r.title).sort(byText);
    expect(byTitle).not.toEqual(worstFirst);
    await root.getByLabel('Sort requirements by').selectOption({ label: 'Title' });
    await expect.poll(rowTitles).toEqual(byTitle);
    const rowSort = root.locator('.matrix-sort').filter({ has: page.getByLabel('Sort requirements by') });
    await rowSort.getByRole('button', { name: 'Reverse' }).click();
    await expect.poll(rowTitles).toEqual([...byTitle].reverse());
    const costs = new Map(commitments.map(({ c }) => [c.service.name, Number(c.service.monthlyCost)]));
    const byCost = [...costs.keys()].sort((a, b) => costs.get(b)! - costs.get(a)! || byText(a, b));
    await root.getByLabel('Sort services by').selectOption({ label: 'Monthly cost (highest first)' });
    await expect.poll(async () => (await columns()).map((h) => [...costs.keys()].find((name) => h.endsWith(name)))).toEqual(byCost);
    await screenshots(page, 'views-matrix-client-sorted');
    p.expectNoErrors();

    // The whole portfolio, chosen in the client picker: a page of requirements and their cells.
    const { requirements } = await gql<{ requirements: { totalCount: number; nodes: Array<{ title: string; commitments: Array<{ service: { id: string } }> }> } }>(
      b.server,
      '{ requirements(first: 100) { totalCount nodes { title commitments { service { id } } } } }',
    );
    await root.getByLabel('Client', { exact: true }).selectOption({ label: 'All clients' });
    await expectPath(page, '/matrix');
    const all = root.getByRole('table', { name: /^Coverage matrix of the portfolio:/ });
    await all.waitFor();
    await waitForView(page, 'matrix');
    expect(await bodyRows(all).count()).toBe(requirements.nodes.length);
    const allCells = await textsOf(all.getByRole('cell'));
    expect(allCells.filter((t) => /\d+%/.test(t)).length).toBe(requirements.nodes.reduce((s, r) => s + r.commitments.length, 0));
    const distinct = new Set(requirements.nodes.flatMap((r) => r.commitments.map((c) => c.service.id)));
    expect(await all.locator('thead').getByRole('columnheader').count()).toBe(distinct.size + 1);
    expect(await textOf(root.getByRole('navigation', { name: 'Pages' }))).toContain(
      `${requirements.nodes.length} of ${requirements.totalCount.toLocaleString('en-US')}`,
    );
    await screenshots(page, 'views-matrix-portfolio');
    p.expectNoErrors();
  });

  test('gaps: the total and the first page in the API’s order; a kind filter in the URL; links to what each is about', async () => {
    const api = await gapsOf(b.server, null);
    expect(api.nodes.length).toBeGreaterThan(0);

    const p = await b.signedIn('/gaps');
    const { page } = p;
    const root = await waitForView(page, 'gaps');
    const entries = root.locator('ol > li');

    /** Compares the entries shown with the API's, in order. */
    async function expectEntries(expected: { totalCount: number; nodes: GapNode[] }, filtered: boolean): Promise<void> {
      const total = `${expected.totalCount} ${expected.totalCount === 1 ? 'entry' : 'entries'}${filtered ? (expected.totalCount === 1 ? ' matches the filters' : ' match the filters') : ''}.`;
      await expect.poll(() => textOf(root.getByText(/^\d+ entr(y|ies)/)), { timeout: 10_000 }).toContain(total);
      await expect.poll(() => entries.count(), { timeout: 10_000 }).toBe(expected.nodes.length);
      for (const [i, g] of expected.nodes.entries()) {
        const entry = entries.nth(i);
        const shown = await textOf(entry);
        expect(shown, `entry ${i + 1}`).toContain(g.message);
        const badge = shown.slice(0, shown.indexOf(g.message));
        expect(badge, `the kind of entry ${i + 1}`).toContain(GAP_LABEL[g.kind]);
        // Its links: the client's map for the client, objective and requirement; the service's page.
        const links = entry.getByRole('list', { name: 'About' }).getByRole('link');
        const shownLinks = await Promise.all((await links.all()).map(async (a) => `${await textOf(a)} → ${await a.getAttribute('href')}`));
        const map = g.client ? `/clients/${g.client.id}` : '';
        const expectedLinks = [
          ...(g.client ? [`${g.client.name} → ${map}`] : []),
          ...(g.client && g.objective ? [`${g.objective.title} → ${map}`] : []),
          ...(g.client && g.requirement ? [`${g.requirement.title} → ${map}`] : []),
          ...(g.service ? [`${g.service.name} → /services/${g.service.id}`] : []),
        ];
        expect(expectedLinks.length, `entry ${i + 1} is about something`).toBeGreaterThan(0);
        expect(shownLinks, `the links of entry ${i + 1}`).toEqual(expectedLinks);
      }
    }
    await expectEntries(api, false);
    await screenshots(page, 'views-gaps');
    p.expectNoErrors();

    // Filter by the kind most frequent on the first page.
    const counts = new Map<string, number>();
    for (const g of api.nodes) counts.set(g.kind, (counts.get(g.kind) ?? 0) + 1);
    const kind = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]![0];
    const only = await gapsOf(b.server, [kind]);
    expect(only.totalCount).toBeLessThan(api.totalCount);
    await root.getByRole('checkbox', { name: GAP_LABEL[kind], exact: true }).check();
    await expectPath(page, `/gaps?kind=${kind}`);
    await expectEntries(only, true);
    expect(only.nodes.every((g) => g.kind === kind)).toBe(true);
    await screenshots(page, `views-gaps-${kind.toLowerCase()}`);
    p.expectNoErrors();

    // A service entry's link leads to the service's page.
    const serviceGap = api.nodes.find((g) => g.service);
    if (serviceGap?.service) {
      await page.goto('/gaps');
      await waitForView(page, 'gaps');
      const entry = entries.filter({ hasText: serviceGap.message });
      await entry.getByRole('link', { name: serviceGap.service.name, exact: true }).click();
      await expectPath(page, `/services/${serviceGap.service.id}`);
      const service = await waitForView(page, 'service');
      expect(await textOf(service.locator('h1'))).toBe(serviceGap.service.name);
    }
    p.expectNoErrors();
  });

  test('impact: revenue at risk, status changes and score drops as the API says; another service picked in the page', async () => {
    const { services } = await gql<{ services: { nodes: Array<{ id: string; lifecycle: string }> } }>(
      b.server,
      '{ services(first: 100, filter: { lifecycle: [PLANNED, LIVE, RETIRING] }) { nodes { id lifecycle } } }',
    );
    const impacts = await Promise.all(services.nodes.map((s) => impactOf(b.server, s.id)));
    const changing = impacts.filter((i) => i.requirements.length > 0 && i.clients.length > 0);
    const first = [...changing].sort((a, b) => Number(b.revenueAtRisk) - Number(a.revenueAtRisk) || b.requirements.length - a.requirements.length)[0];
    const second = changing.find((i) => first && i.revenueAtRisk !== first.revenueAtRisk && i.requirements.length !== first.requirements.length);
    if (!first || !second) throw new Error('the demo should have two services whose retirement changes statuses differently');
    expect(Number(first.revenueAtRisk)).toBeGreaterThan(0);

    const p = await b.signedIn(`/impact?service=${first.service.id}`);
    const { page } = p;
    const root = await waitForView(page, 'impact');

    async function expectImpact(i: ImpactAnswer): Promise<void> {
      const changes = root.getByRole('table', { name: `Requirements whose status changes if ${i.service.name} is retired` });
      await changes.waitFor();
      await waitForView(page, 'impact');
      expect(await textOf(root.locator('.kpi').filter({ hasText: 'Annual revenue at risk' }))).toContain(formatMoney(i.revenueAtRisk));
      const what = await textOf(root.locator('.kpi').filter({ hasText: 'What changes' }));
      expect(what).toContain(`${i.requirements.length} requirement${i.requirements.length === 1 ? '' : 's'}`);
      expect(what).toContain(`${i.clients.length} client${i.clients.length === 1 ? '' : 's'} with a lower score`);

      expect(await bodyRows(changes).count()).toBe(i.requirements.length);
      const statusCol = await cellIndex(changes, 'Status');
      for (const c of i.requirements) {
        const client = c.requirement.objective.client;
        const row = rowLinked(changes, c.requirement.title).filter({ hasText: client.name });
        expect(await row.count(), `the change of "${c.requirement.title}"`).toBe(1);
        const status = await cellText(row, statusCol);
        expect(status, `"${c.requirement.title}": before → after`).toMatch(
          new RegExp(`^\\W*${escapeRe(STATUS_LABEL[c.before]!)}\\W*becomes\\W*${escapeRe(STATUS_LABEL[c.after]!)}$`),
        );
      }

      const drops = root.getByRole('table', { name: `Clients whose score changes if ${i.service.name} is retired, biggest drop first` });
      expect(await bodyRows(drops).count()).toBe(i.clients.length);
      const beforeCol = await cellIndex(drops, 'Score before');
      const afterCol = await cellIndex(drops, 'Score after');
      for (const c of i.clients) {
        const row = rowOf(drops, c.client.name);
        expect(await row.count(), `the row of ${c.client.name}`).toBe(1);
        expect(await cellText(row, beforeCol)).toBe(formatScore(c.before));
        expect(await cellText(row, afterCol)).toBe(formatScore(c.after));
        expect(c.after === null || c.before === null || c.after < c.before, `${c.client.name}'s score drops`).toBe(true);
      }
    }
    await expectImpact(first);
    await screenshots(page, 'views-impact');
    p.expectNoErrors();

    // Another service, picked in the page.
    await root.getByLabel('If we retire').selectOption(second.service.id);
    await expectPath(page, `/impact?service=${second.service.id}`);
    await expectImpact(second);
    await screenshots(page, 'views-impact-other');
    p.expectNoErrors();
  });

  test('promise check: the services the API matches, delivered or not; the form gives the URL form’s answer', async () => {
    /** The results table: each service with its delivery and spare capacity. */
    async function results(page: Page): Promise<string[]> {
      const table = page.getByRole('table', { name: 'Services designed for the targets, delivering ones first' });
      await table.waitFor();
      const delivered = await cellIndex(table, 'Delivered');
      const spare = await cellIndex(table, 'Spare capacity');
      return Promise.all(
        (await bodyRows(table).all()).map(
          async (r) => `${await textOf(r.getByRole('rowheader').getByRole('link'))} | ${words(await cellText(r, delivered))} | ${words(await cellText(r, spare))}`,
        ),
      );
    }
    const expected = (matches: MatchAnswer[]): string[] =>
      matches.map((m) => {
        const spare =
          m.spareCapacity === null
            ? 'no set capacity'
            : m.spareCapacity < 0
              ? `−${-m.spareCapacity} · oversubscribed by ${-m.spareCapacity} unit${m.spareCapacity === -1 ? '' : 's'}`
              : `${m.spareCapacity} of ${m.service.capacity} units free`;
        return `${m.service.name} | ${m.delivers ? 'Delivered' : 'Not delivered'} | ${spare}`;
      });

    // By URL: one target, for which some services match.
    const urlTargets = [{ metric: 'availability', value: 99.9 }];
    const urlMatches = await matchesOf(b.server, urlTargets);
    expect(urlMatches.length, 'the demo has services designed for 99.9% availability').toBeGreaterThan(1);
    const p = await b.signedIn('/promise?t=availability:99.9');
    const { page } = p;
    const root = await waitForView(page, 'promise');
    expect(await results(page)).toEqual(expected(urlMatches));
    const delivering = urlMatches.filter((m) => m.delivers).length;
    expect(await textOf(root.getByText(/designed for every target/))).toContain(`${urlMatches.length} services are designed for every target`);
    if (delivering < urlMatches.length) {
      expect(await textOf(root.getByText(/designed for every target/))).toContain(`${delivering} of them ${delivering === 1 ? 'has' : 'have'} also delivered them`);
    }
    await screenshots(page, 'views-promise-url');
    p.expectNoErrors();

    // Through the form: two targets, a row added for the second.
    const formTargets = [
      { metric: 'rpo_minutes', value: 240 },
      { metric: 'rto_minutes', value: 480 },
    ];
    const formMatches = await matchesOf(b.server, formTargets);
    expect(formMatches.length, 'the demo has services designed for these recovery objectives').toBeGreaterThan(0);
    const { metrics } = await gql<{ metrics: Metric[] }>(b.server, '{ metrics { key name unit direction } }');
    const option = (key: string) => {
      const m = metrics.find((x) => x.key === key)!;
      return `${m.name} (${m.unit})`;
    };
    const f = await b.signedIn('/promise');
    const form = await waitForView(f.page, 'promise');
    await form.getByLabel('Metric', { exact: true }).selectOption({ label: option(formTargets[0]!.metric) });
    await form.getByLabel('Value', { exact: true }).fill(String(formTargets[0]!.value));
    await form.getByRole('button', { name: 'Add a target' }).click();
    await form.getByLabel('Metric 2', { exact: true }).selectOption({ label: option(formTargets[1]!.metric) });
    await form.getByLabel('Value 2', { exact: true }).fill(String(formTargets[1]!.value));
    await form.getByRole('button', { name: 'Check services' }).click();
    const url = `/promise?t=${formTargets.map((t) => `${t.metric}:${t.value}`).join(',')}`;
    await expectPath(f.page, url);
    const viaForm = await results(f.page);
    expect(viaForm).toEqual(expected(formMatches));
    await screenshots(f.page, 'views-promise-form');
    f.expectNoErrors();

    // The same targets by URL give the same answer.
    const u = await b.signedIn(url);
    await waitForView(u.page, 'promise');
    expect(await results(u.page)).toEqual(viaForm);
    u.expectNoErrors();
  });
});
