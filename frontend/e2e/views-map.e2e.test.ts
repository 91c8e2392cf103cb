// The client map, the services catalog and a service's page render the demo
// portfolio's real data, compared with what the API answers in the same test;
// the map and the matrix fit a phone's width.
import type { Locator } from 'playwright-core';
import { expect, test } from 'vitest';
import { formatDate, formatMoney, formatScore } from '../src/shared/format';
import { gql } from './api';
import { describeInBrowser, PHONE, screenshots, waitForView } from './browser';
import { bodyRows, byText, cellIndex, cellText, clientWithShortfalls, designedShort, escapeRe, level, LIFECYCLE_LABEL, METRIC, type Metric, requirementsOf, rowOf, STATUS_LABEL, statusWords, textOf, textsOf, words } from './views';

describeInBrowser('client map and services', (b) => {
  test('client map: objectives, requirements and their statuses, services, a requirement’s shortfalls, the list view and the score history', async () => {
    const client = await clientWithShortfalls(b.server);
    const reqs = requirementsOf(client);
    expect(new Set(reqs.map((r) => r.coverage.status)).size, 'the chosen client has several statuses').toBeGreaterThanOrEqual(3);

    const p = await b.signedIn(`/clients/${client.id}`);
    const { page } = p;
    const root = await waitForView(page, 'client');
    expect(await textOf(root.locator('h1'))).toContain(client.name);
    expect(await page.title()).toBe(`${client.name} · Alliance`);

    // The graph: every objective, every requirement with its status, every committed service.
    const graph = root.getByRole('group', { name: new RegExp(`^Map of ${escapeRe(client.name)}:`) });
    await graph.waitFor();
    for (const o of client.objectives) {
      expect(await textOf(graph.locator(`[data-node="objective-${o.id}"]`)), `objective ${o.title}`).toContain(o.title);
    }
    expect(await graph.locator('[data-node^="requirement-"]').count()).toBe(reqs.length);
    for (const r of reqs) {
      const shown = await textOf(graph.locator(`[data-node="requirement-${r.id}"]`));
      expect(shown, `the node of requirement ${r.id}`).toContain(r.title);
      const rest = shown.replace(r.title, '');
      expect(statusWords(rest), `the status of "${r.title}"`).toEqual([STATUS_LABEL[r.coverage.status]]);
      expect(rest).toContain(`${Math.round(r.coverage.percent)}%`);
    }
    const services = new Map(reqs.flatMap((r) => r.commitments.map((c) => [c.service.id, c.service.name] as const)));
    expect(services.size).toBeGreaterThan(0);
    expect(await graph.locator('[data-node^="service-"]').count()).toBe(services.size);
    // Each service says whether its commitments to this client hold.
    for (const [id, name] of services) {
      const uses = reqs.flatMap((r) => r.commitments.filter((c) => c.service.id === id));
      const held = uses.filter((c) => c.holds).length;
      const word =
        held === uses.length ? (uses.length === 1 ? 'Holds' : 'All hold') : held === 0 ? (uses.length === 1 ? 'Does not hold' : 'None hold') : `${held} of ${uses.length} hold`;
      const shown = await textOf(graph.locator(`[data-node="service-${id}"]`));
      expect(shown, `service ${name}`).toContain(name);
      expect(words(shown.replace(name, '')), `whether the commitments of ${name} hold`).toContain(word);
      if (word === 'Holds') expect(shown).not.toContain('Does not hold');
    }

    // The score: the meter and the history chart, one mark per point of the API's history.
    expect(await root.getByRole('meter', { name: `Score of ${client.name}` }).getAttribute('aria-valuenow')).toBe(
      client.score === null ? null : String(client.score),
    );
    expect(client.scoreHistory.length).toBeGreaterThan(0);
    const chart = root.getByRole('img', { name: new RegExp(`^Score history of ${escapeRe(client.name)}:`) });
    await chart.waitFor();
    // Each point of the chart (a dot, or a mark for "no score") carries a <title>.
    expect(await chart.locator('title').count(), 'points in the score chart').toBe(client.scoreHistory.length);
    expect(await chart.locator('circle').count(), 'dots (scored points)').toBe(client.scoreHistory.filter((h) => h.score !== null).length);
    if (client.score !== null) expect(await chart.getAttribute('aria-label')).toContain(`${formatScore(client.score)} today`);
    const n = client.scoreHistory.length;
    await root.getByText(n === 1 ? 'The point' : `The ${n} points`, { exact: true }).click();
    const pointsTable = root.getByRole('table').filter({ has: page.getByRole('columnheader', { name: 'When' }) });
    await pointsTable.waitFor();
    expect(await textsOf(bodyRows(pointsTable))).toEqual(
      client.scoreHistory.map((h) => `${formatDate(h.at)} ${h.score === null ? 'no score' : formatScore(h.score)}`),
    );
    await screenshots(page, 'views-client-map');
    p.expectNoErrors();

    // A click on a requirement with a shortfall: its targets, and the shortfalls in plain words.
    const short = reqs.find((r) => r.coverage.status === 'OVERPROMISED' && designedShort(r)) ?? reqs.find(designedShort)!;
    await graph.locator(`[data-node="requirement-${short.id}"]`).click();
    const detail = root.getByRole('region', { name: short.title, exact: true });
    await detail.waitFor();
    await expect.poll(() => new URL(page.url()).searchParams.get('req')).toBe(short.id);
    const said = await textOf(detail);
    expect(statusWords(said.replace(short.title, ''))).toContain(STATUS_LABEL[short.coverage.status]);
    for (const t of short.targets) expect(said, `the target ${t.metric.key}`).toContain(`${t.metric.name}: ${level(t.value, t.metric.unit)}`);
    for (const f of short.coverage.shortfalls) {
      const promised = `Promised ${level(f.required, f.metric.unit)} of ${f.metric.name.toLowerCase()}`;
      const designed = f.designed === null ? `${f.service.name} is not designed for it` : `${f.service.name} is designed for ${f.designed}`;
      const measured = f.measured === null ? '' : `, measured ${f.measured}`;
      expect(said, 'the shortfall in plain words').toContain(`${promised}; ${designed}${measured}.`);
      // The same figures side by side in the levels table of the service.
      const levels = detail.getByRole('table', { name: `Promised, designed and measured levels of ${f.service.name}` });
      const row = await textOf(rowOf(levels, f.metric.name));
      expect(row).toContain(level(f.required, f.metric.unit));
      if (f.designed !== null) expect(row).toContain(`${level(f.designed, f.metric.unit)} (misses the promise)`);
      if (f.measured !== null) expect(row).toContain(level(f.measured, f.metric.unit));
    }
    for (const c of short.commitments) {
      const card = detail.getByRole('article').filter({ has: page.getByRole('heading', { name: c.service.name, exact: true }) });
      expect(await textOf(card)).toContain(c.holds ? 'Holds' : 'Does not hold');
    }
    await screenshots(page, 'views-client-map-detail');
    p.expectNoErrors();

    // The list: the same objectives and requirements with their statuses and commitments.
    await root.getByRole('button', { name: 'List', exact: true }).click();
    expect(await root.getByRole('button', { name: 'List', exact: true }).getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => new URL(page.url()).searchParams.get('view')).toBe('list');
    const tree = root.getByRole('list', { name: `Objectives of ${client.name}, with their requirements and commitments` });
    await tree.waitFor();
    for (const o of client.objectives) {
      expect(await tree.getByRole('heading', { name: `Objective ${o.title}`, exact: true }).count(), `objective ${o.title}`).toBe(1);
    }
    expect(await tree.locator('button[data-node^="requirement-"]').count()).toBe(reqs.length);
    for (const r of reqs) {
      const shown = await textOf(tree.locator(`button[data-node="requirement-${r.id}"]`));
      expect(shown.startsWith(r.title), `the list entry of requirement ${r.id}: ${shown}`).toBe(true);
      const rest = shown.slice(r.title.length);
      expect(statusWords(rest), `the status of "${r.title}" in the list`).toEqual([STATUS_LABEL[r.coverage.status]]);
      expect(rest).toContain(`${Math.round(r.coverage.percent)}% covered`);
      if (r.commitments.length === 0) continue;
      const commitments = tree.getByRole('list', { name: `Commitments to ${r.title}`, exact: true });
      expect(await commitments.getByRole('listitem').count()).toBe(r.commitments.length);
      for (const c of r.commitments) {
        const item = commitments.getByRole('listitem').filter({ has: page.getByRole('link', { name: c.service.name, exact: true }) });
        expect(await item.getByRole('link').getAttribute('href')).toBe(`/services/${c.service.id}`);
        const line = await textOf(item);
        expect(line).toContain(`covers ${c.coveragePercent}%`);
        expect(line).toContain(LIFECYCLE_LABEL[c.service.lifecycle]!);
        expect(line.endsWith(c.holds ? 'Holds' : 'Does not hold'), line).toBe(true);
      }
    }

    // Keyboard: Enter on another requirement of the list opens its details and moves the focus there.
    const other = reqs.find((r) => r.coverage.status === 'GAP') ?? reqs.find((r) => r.id !== short.id)!;
    await tree.locator(`button[data-node="requirement-${other.id}"]`).focus();
    await page.keyboard.press('Enter');
    const otherDetail = root.getByRole('region', { name: other.title, exact: true });
    await otherDetail.waitFor();
    await page.waitForFunction(() => document.activeElement?.id === 'clientmap-detail-title');
    const otherSaid = await textOf(otherDetail);
    expect(statusWords(otherSaid.replace(other.title, ''))).toContain(STATUS_LABEL[other.coverage.status]);
    if (other.commitments.length === 0) expect(otherSaid).toContain('No service is committed to it');
    for (const c of other.commitments) expect(otherSaid).toContain(c.service.name);
    await screenshots(page, 'views-client-map-list');
    p.expectNoErrors();
  });

  test('service page: designed levels, commitments and their clients, measurements as chart and table, as the API says', async () => {
    // The service with commitments that has the most measurements.
    const { services } = await gql<{ services: { nodes: Array<{ id: string; commitments: Array<{ id: string }>; measurements: Array<{ id: string }> }> } }>(
      b.server,
      '{ services(first: 50) { nodes { id commitments { id } measurements(last: 100) { id } } } }',
    );
    const pick = services.nodes.filter((s) => s.commitments.length >= 2).sort((a, b) => b.measurements.length - a.measurements.length)[0];
    expect(pick?.measurements.length ?? 0, 'a demo service with commitments and measurements').toBeGreaterThan(0);
    const { service: s } = await gql<{
      service: {
        id: string;
        name: string;
        designedLevels: Array<{ value: number; metric: Metric }>;
        measurements: Array<{ id: string; value: number; periodEnd: string; metric: Metric }>;
        commitments: Array<{ coveragePercent: number; capacityUnits: number; holds: boolean; requirement: { title: string; objective: { client: { id: string; name: string } } } }>;
      };
    }>(
      b.server,
      `query E2EViewsService($id: ID!) {
        service(id: $id) {
          id name
          designedLevels { value ${METRIC} }
          measurements(last: 1000) { id value periodEnd ${METRIC} }
          commitments { coveragePercent capacityUnits holds requirement { title objective { client { id name } } } }
        }
      }`,
      { id: pick!.id },
    );

    const p = await b.signedIn(`/services/${s.id}`);
    const { page } = p;
    const root = await waitForView(page, 'service');
    expect(await textOf(root.locator('h1'))).toBe(s.name);

    // Designed levels, each with its latest measurement (the API lists the newest first).
    const designed = root.getByRole('table', { name: 'Designed levels, with the latest measurement of each' });
    expect(await bodyRows(designed).count()).toBe(s.designedLevels.length);
    const designedCol = await cellIndex(designed, 'Designed');
    const latestCol = await cellIndex(designed, 'Latest measured');
    const verdictCol = await cellIndex(designed, 'Against design');
    for (const d of s.designedLevels) {
      const row = rowOf(designed, d.metric.name);
      expect(await cellText(row, designedCol), `designed ${d.metric.key}`).toBe(level(d.value, d.metric.unit));
      const latest = s.measurements.find((m) => m.metric.key === d.metric.key);
      expect(await cellText(row, latestCol), `latest ${d.metric.key}`).toBe(latest ? level(latest.value, d.metric.unit) : 'never measured');
      if (latest) {
        const meets = d.metric.direction === 'HIGHER_IS_BETTER' ? latest.value >= d.value : latest.value <= d.value;
        expect(await cellText(row, verdictCol)).toContain(meets ? 'Meets' : 'Misses');
      }
    }

    // Commitments with their clients.
    const commitments = root.getByRole('table', { name: new RegExp(`^Commitments of ${escapeRe(s.name)},`) });
    expect(await textOf(root.getByRole('heading', { name: /^Commitments \(/ }))).toBe(`Commitments (${s.commitments.length})`);
    expect(await bodyRows(commitments).count()).toBe(s.commitments.length);
    const coverageCol = await cellIndex(commitments, 'Coverage');
    const unitsCol = await cellIndex(commitments, 'Capacity units');
    const holdsCol = await cellIndex(commitments, 'Holds');
    for (const c of s.commitments) {
      const client = c.requirement.objective.client;
      const row = rowOf(commitments, c.requirement.title).filter({ has: page.getByRole('link', { name: client.name, exact: true }) });
      expect(await row.count(), `the commitment to "${c.requirement.title}" of ${client.name}`).toBe(1);
      expect(await row.getByRole('link', { name: client.name, exact: true }).getAttribute('href')).toBe(`/clients/${client.id}`);
      expect(await cellText(row, coverageCol)).toBe(`${c.coveragePercent}%`);
      expect(await cellText(row, unitsCol)).toBe(String(c.capacityUnits));
      expect(await cellText(row, holdsCol)).toContain(c.holds ? 'Holds' : 'Does not hold');
    }
    const clients = new Map(s.commitments.map((c) => [c.requirement.objective.client.id, c.requirement.objective.client.name]));
    expect(await textOf(root.getByRole('heading', { name: /^Clients behind it/ }))).toBe(`Clients behind it (${clients.size})`);
    for (const [id, name] of clients) {
      const links = root.getByRole('link', { name, exact: true });
      expect(await links.evaluateAll((as) => as.map((a) => a.getAttribute('href'))), `links to ${name}`).toContain(`/clients/${id}`);
    }
    await screenshots(page, 'views-service');

    // Each measured metric: a chart with one mark per measurement, and the same figures as a table.
    const keys = [...new Set(s.measurements.map((m) => m.metric.key))];
    for (const key of keys) {
      const series = s.measurements.filter((m) => m.metric.key === key); // newest first
      const metric = series[0]!.metric;
      const card = root.getByRole('article', { name: metric.name, exact: true });
      const chart = card.getByRole('img', { name: `${metric.name} by period end` });
      await chart.waitFor();
      // One <title> for the chart, then one per measurement.
      expect(await chart.locator('title').count(), `marks in the ${metric.name} chart`).toBe(series.length + 1);
      expect(await textOf(card)).toContain(series.length === 1 ? '1 measurement' : `${series.length} measurements`);
      await card.getByRole('button', { name: 'Table', exact: true }).click();
      const table = card.getByRole('table', { name: `Measurements of ${metric.name}, newest first` });
      await table.waitFor();
      const valueCol = await cellIndex(table, 'Value');
      const values = await Promise.all((await bodyRows(table).all()).map((r) => cellText(r, valueCol)));
      expect(values, `the ${metric.name} measurements`).toEqual(series.map((m) => level(m.value, metric.unit)));
      const periods = await textsOf(table.getByRole('rowheader'));
      expect(periods.map((t) => t.split(' – ')[1])).toEqual(series.map((m) => formatDate(m.periodEnd)));
    }
    await screenshots(page, 'views-service-tables');
    p.expectNoErrors();
  });

  test('services: every service with its lifecycle, monthly cost and capacity; orphan and oversubscribed flags exactly where the API puts them', async () => {
    const { services } = await gql<{
      services: {
        totalCount: number;
        nodes: Array<{ id: string; name: string; lifecycle: string; monthlyCost: string; orphan: boolean; oversubscribed: boolean; capacity: number | null; committedUnits: number }>;
      };
    }>(b.server, '{ services(first: 100) { totalCount nodes { id name lifecycle monthlyCost orphan oversubscribed capacity committedUnits } } }');
    expect(services.nodes.length).toBe(services.totalCount);
    expect(services.nodes.some((s) => s.orphan), 'the demo has an orphan').toBe(true);
    expect(services.nodes.some((s) => s.oversubscribed), 'the demo has an oversubscribed service').toBe(true);

    const p = await b.signedIn('/services');
    const { page } = p;
    const root = await waitForView(page, 'services');
    expect(await textOf(root.getByText(/services? in the catalog/))).toContain(`${services.totalCount} services in the catalog`);
    const table = root.getByRole('table', { name: /^Services,/ });
    const lifecycleCol = await cellIndex(table, 'Lifecycle');
    const costCol = await cellIndex(table, 'Monthly cost');
    const flagsCol = await cellIndex(table, 'Flags');

    // 25 a page, in the API's order: check each page, then go on.
    const PAGE = 25;
    for (let start = 0, pageNo = 1; start < services.nodes.length; start += PAGE, pageNo++) {
      const expected = services.nodes.slice(start, start + PAGE);
      if (start > 0) {
        await root.getByRole('button', { name: 'Next →' }).click();
        await expect.poll(() => textOf(root.getByRole('navigation', { name: 'Pages' }))).toContain(`Page ${pageNo} `);
      }
      await expect.poll(async () => (await textsOf(table.getByRole('rowheader'))).sort(byText)).toEqual(expected.map((s) => s.name).sort(byText));
      for (const s of expected) {
        const row = rowOf(table, s.name);
        expect(await row.count(), `one row for ${s.name}`).toBe(1);
        expect(await row.getByRole('link', { name: s.name, exact: true }).getAttribute('href')).toBe(`/services/${s.id}`);
        expect(words(await cellText(row, lifecycleCol)), `the lifecycle of ${s.name}`).toBe(LIFECYCLE_LABEL[s.lifecycle]);
        expect(await cellText(row, costCol), `the monthly cost of ${s.name}`).toBe(formatMoney(s.monthlyCost));
        const flags = await cellText(row, flagsCol);
        expect(flags.includes('Orphan'), `the orphan flag of ${s.name}: "${flags}"`).toBe(s.orphan);
        expect(flags.includes('Oversubscribed'), `the oversubscribed flag of ${s.name}: "${flags}"`).toBe(s.oversubscribed);
        if (s.capacity !== null) {
          expect(await row.getByRole('meter', { name: 'Capacity used' }).getAttribute('aria-valuenow')).toBe(String(s.committedUnits));
        }
      }
    }
    await screenshots(page, 'views-services');
    p.expectNoErrors();
  });

  test('at phone width the client map and the coverage matrix fit the screen and show their content', async () => {
    const client = await clientWithShortfalls(b.server);
    const firstObjective = client.objectives[0]!;
    // The content to see: the map's first objective (its first column); the matrix's first requirement row.
    for (const view of [
      {
        path: `/clients/${client.id}`,
        name: 'client',
        content: (root: Locator) => root.getByRole('group', { name: /^Map of / }).locator(`[data-node="objective-${firstObjective.id}"]`),
        shot: 'views-phone-client-map',
      },
      {
        path: `/matrix?client=${client.id}`,
        name: 'matrix',
        content: (root: Locator) => root.getByRole('table').getByRole('rowheader').first(),
        shot: 'views-phone-matrix',
      },
    ]) {
      const p = await b.newPage();
      const { page } = p;
      await page.setViewportSize(PHONE);
      await page.goto(`${view.path}#token=${encodeURIComponent(b.server.token)}`);
      const root = await waitForView(page, view.name);
      const content = view.content(root);
      await content.waitFor();
      const size = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
      expect(size.inner).toBe(PHONE.width);
      expect(size.scroll, `${view.path}: the document is no wider than the phone`).toBeLessThanOrEqual(size.inner);
      // The heading and the first piece of content are on the screen.
      for (const el of [root.locator('h1').first(), content]) {
        expect(await el.isVisible()).toBe(true);
        const box = await el.boundingBox();
        expect(box, `${view.path}: a box for the element`).not.toBeNull();
        expect(box!.x, `${view.path}: starts on the screen`).toBeGreaterThanOrEqual(0);
        expect(box!.x, `${view.path}: starts on the screen`).toBeLessThan(PHONE.width);
      }
      expect(await textOf(root.locator('h1').first())).toContain(view.name === 'client' ? client.name : 'Coverage matrix');
      await screenshots(page, view.shot);
      p.expectNoErrors();
    }
  });
});
