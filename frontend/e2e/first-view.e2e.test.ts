// The weight of the first view: every script and style sheet the browser
// loads to show the portfolio, measured gzipped as a server would send them.
// Prints the figures (the README quotes them) and holds them to a budget, so
// a heavy import into the shell fails here rather than in users' browsers.
// Everything comes from the server itself: nothing is fetched from elsewhere.
import { gzipSync } from 'node:zlib';
import { expect, test } from 'vitest';
import { describeInBrowser, waitForView } from './browser';

/** The budget of the first view's JavaScript, gzipped. */
const JS_BUDGET = 40 * 1024;

describeInBrowser('first view', (b) => {
  test('the portfolio loads a small bundle, all of it from the server', async () => {
    const p = await b.newPage();
    const { page } = p;
    const loaded: Array<{ path: string; type: string; raw: number; gzip: number }> = [];
    const elsewhere: string[] = [];
    const reading: Array<Promise<void>> = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(b.server.baseURL)) elsewhere.push(r.url());
    });
    page.on('response', (r) => {
      const path = new URL(r.url()).pathname;
      const type = path.endsWith('.js') ? 'js' : path.endsWith('.css') ? 'css' : '';
      if (!type) return;
      reading.push(
        r.body().then((body) => {
          loaded.push({ path, type, raw: body.length, gzip: gzipSync(body, { level: 9 }).length });
        }),
      );
    });
    await page.goto(`/#token=${encodeURIComponent(b.server.token)}`);
    await waitForView(page, 'portfolio');
    await page.waitForLoadState('networkidle');
    await Promise.all(reading);

    const sum = (type: string, key: 'raw' | 'gzip') => loaded.filter((f) => f.type === type).reduce((n, f) => n + f[key], 0);
    const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
    const lines = loaded
      .sort((a, b) => b.gzip - a.gzip)
      .map((f) => `  ${f.path.padEnd(44)} ${kb(f.raw).padStart(9)} ${kb(f.gzip).padStart(9)} gzip`);
    console.log(
      [
        'first view (portfolio) loads:',
        ...lines,
        `  JavaScript: ${kb(sum('js', 'raw'))}, ${kb(sum('js', 'gzip'))} gzip; CSS: ${kb(sum('css', 'raw'))}, ${kb(sum('css', 'gzip'))} gzip`,
      ].join('\n'),
    );

    expect(elsewhere, 'requests to other hosts').toEqual([]);
    expect(loaded.some((f) => f.type === 'js'), 'the page loaded scripts').toBe(true);
    // GraphiQL and its editor are for /graphiql only.
    expect(loaded.map((f) => f.path).filter((x) => /graphiql|codemirror/.test(x))).toEqual([]);
    expect(sum('js', 'gzip'), `first view JavaScript gzipped (budget ${kb(JS_BUDGET)})`).toBeLessThan(JS_BUDGET);
    p.expectNoErrors();
  });
});
