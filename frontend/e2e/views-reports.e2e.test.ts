// The reports view lists saved reports with their URLs; the navigation links
// to GraphiQL and to the schema, and both answer.
import { expect, test } from 'vitest';
import { gql } from './api';
import { describeInBrowser, screenshots, waitForView } from './browser';
import { textOf } from './views';

describeInBrowser('reports and links', (b) => {
  test('reports list a report saved through the API with its CSV and JSON URLs; GraphiQL and the schema are linked and answer', async () => {
    const slug = `e2e-views-${Date.now().toString(36)}`;
    const title = `E2E views report ${slug}`;
    const { saveReport } = await gql<{ saveReport: { slug: string; csvUrl: string; jsonUrl: string } }>(
      b.server,
      `mutation E2EViewsSaveReport($input: ReportInput!) { saveReport(input: $input) { slug csvUrl jsonUrl } }`,
      { input: { slug, title, description: 'Saved by views.e2e.test.ts', query: 'query E2EViewsScore { portfolio { score } }' } },
    );
    try {
      const { reports } = await gql<{ reports: Array<{ slug: string }> }>(b.server, '{ reports { slug } }');
      const p = await b.signedIn('/reports');
      const { page } = p;
      const root = await waitForView(page, 'reports');
      expect(await textOf(root.getByRole('heading', { name: /saved reports?$/ }))).toBe(`${reports.length} saved report${reports.length === 1 ? '' : 's'}`);
      expect(await root.getByRole('article').filter({ has: page.getByRole('heading', { level: 3 }) }).count()).toBe(reports.length);
      const card = root.getByRole('article', { name: title, exact: true });
      await card.waitFor();
      expect(await textOf(card)).toContain(slug);
      const urls = card.locator('dl');
      expect(await textOf(urls.locator('div').filter({ has: page.getByText('CSV', { exact: true }) }).locator('code'))).toBe(saveReport.csvUrl);
      expect(await textOf(urls.locator('div').filter({ has: page.getByText('JSON', { exact: true }) }).locator('code'))).toBe(saveReport.jsonUrl);
      expect(saveReport.csvUrl).toBe(`${b.server.baseURL}/reports/${slug}.csv`);
      expect(saveReport.jsonUrl).toBe(`${b.server.baseURL}/reports/${slug}.json`);
      await screenshots(page, 'views-reports');
      p.expectNoErrors();

      // The navigation links to GraphiQL and the schema.
      const nav = page.getByRole('navigation', { name: 'Views' });
      const graphiql = nav.getByRole('link', { name: 'GraphiQL', exact: true });
      const schema = nav.getByRole('link', { name: 'Schema', exact: true });
      expect(await graphiql.getAttribute('href')).toBe('/graphiql');
      expect(await schema.getAttribute('href')).toBe('/schema.graphql');

      await graphiql.click();
      await page.waitForURL('**/graphiql');
      const editor = page.locator('.graphiql-query-editor .CodeMirror');
      await editor.waitFor();
      await expect.poll(() => editor.innerText()).toContain('query ClientsOverview');
      await page.getByRole('button', { name: 'Save as report' }).waitFor();
      await screenshots(page, 'views-graphiql', { fullPage: false });
      p.expectNoErrors();

      await page.goBack();
      await waitForView(page, 'reports');
      const answer = page.waitForResponse((r) => new URL(r.url()).pathname === '/schema.graphql');
      await nav.getByRole('link', { name: 'Schema', exact: true }).click();
      expect((await answer).status()).toBe(200);
      await page.waitForURL('**/schema.graphql');
      const sdl = await page.locator('body').innerText();
      expect(sdl).toContain('type Query');
      expect(sdl).toContain('serviceMatches(targets: [LevelInput!]!): [ServiceMatch!]!');
      // Chromium asks for /favicon.ico on this plain-text page: the server answers with the app's icon.
      await page.waitForLoadState('networkidle');
      p.expectNoErrors();
    } finally {
      await gql(b.server, 'mutation E2EViewsDeleteReport($slug: String!) { deleteReport(slug: $slug) }', { slug });
    }
  });

  test('saving a view under a slug that exists asks before replacing that report', async () => {
    const slug = `e2e-replace-${Date.now().toString(36)}`;
    await gql(b.server, `mutation E2EReplaceSeed($input: ReportInput!) { saveReport(input: $input) { slug } }`, {
      input: { slug, title: 'The first of that slug', query: 'query E2EReplaceFirst { portfolio { score } }' },
    });
    try {
      const p = await b.signedIn('/gaps');
      const { page } = p;
      const root = await waitForView(page, 'gaps');
      await root.getByRole('button', { name: 'Save as report' }).click();
      const dialog = page.getByRole('dialog', { name: 'Save as report' });
      await dialog.getByLabel('Slug').fill(slug);
      await dialog.getByRole('button', { name: 'Save report' }).click();
      // Refused as a conflict: the dialog says so and offers to replace.
      await expect.poll(() => textOf(dialog.getByRole('alert'))).toContain(`A report with the slug “${slug}” exists`);
      const { report: kept } = await gql<{ report: { title: string } }>(b.server, 'query E2EReplaceKept($slug: String!) { report(slug: $slug) { title } }', { slug });
      expect(kept.title).toBe('The first of that slug');
      await dialog.getByRole('button', { name: 'Replace report' }).click();
      await dialog.getByRole('button', { name: 'Done' }).waitFor();
      const { report: replaced } = await gql<{ report: { title: string; query: string } }>(b.server, 'query E2EReplaceDone($slug: String!) { report(slug: $slug) { title query } }', { slug });
      expect(replaced.title).toBe('Gaps');
      expect(replaced.query).toContain('gaps(');
      p.expectNoErrors();
    } finally {
      await gql(b.server, 'mutation E2EReplaceDelete($slug: String!) { deleteReport(slug: $slug) }', { slug });
    }
  });
});
