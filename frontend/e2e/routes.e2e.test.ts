// Every route of the app, opened by its URL (as a shared link would be):
// the view renders without console errors at desktop and phone widths, with
// screenshots; an unknown path says "Not found".
import { expect, test } from 'vitest';
import { describeInBrowser, screenshots, waitForView } from './browser';

/** A URL, the route name of its view (its data-view) and the screenshots' name. */
const routes: Array<{ path: string; view: string; shot: string }> = [
  { path: '/', view: 'portfolio', shot: 'route-portfolio' },
  { path: '/clients/2', view: 'client', shot: 'route-client-2' },
  { path: '/matrix', view: 'matrix', shot: 'route-matrix' },
  { path: '/matrix?client=2', view: 'matrix', shot: 'route-matrix-client-2' },
  { path: '/gaps', view: 'gaps', shot: 'route-gaps' },
  { path: '/services', view: 'services', shot: 'route-services' },
  { path: '/services/8', view: 'service', shot: 'route-service-8' },
  { path: '/impact?service=8', view: 'impact', shot: 'route-impact-service-8' },
  { path: '/promise', view: 'promise', shot: 'route-promise' },
  { path: '/reports', view: 'reports', shot: 'route-reports' },
  { path: '/signin', view: 'signin', shot: 'route-signin' },
  { path: '/account', view: 'account', shot: 'route-account' },
  { path: '/users', view: 'users', shot: 'route-users' },
];

describeInBrowser('routes', (b) => {
  for (const r of routes) {
    test(`${r.path} renders the ${r.view} view`, async () => {
      const p = await b.signedIn(r.path);
      const { page } = p;
      const root = await waitForView(page, r.view);
      const url = new URL(page.url());
      expect(url.pathname + url.search, 'the view stays at its URL, without the token').toBe(r.path);
      expect((await root.locator('h1').first().innerText()).trim()).not.toBe('');
      // View-specific assertions (the real data each view shows: a client's
      // objectives, the matrix's cells, the ranked gaps, the catalog, the
      // service's levels, the impact of service 8, the promise form, the
      // saved reports) are added here as the views land.
      p.expectNoErrors();
      await screenshots(page, r.shot);
      // Resizing to a phone and back must not raise errors either.
      p.expectNoErrors();
    });
  }

  test('an unknown path shows "Not found"', async () => {
    const p = await b.signedIn('/no/such/page');
    const { page } = p;
    const heading = page.locator('main h1');
    await heading.waitFor();
    expect((await heading.innerText()).trim()).toBe('Not found');
    await page.getByRole('link', { name: 'Go to the portfolio' }).waitFor();
    await screenshots(page, 'route-not-found');
    p.expectNoErrors();
  });
});
