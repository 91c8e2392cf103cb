// Single sign-on: from the sign-in page's button through the test OpenID
// provider's login page (a real provider on loopback, started by the global
// setup) back to Alliance, signed in by a session cookie.
import { expect, inject, test } from 'vitest';
import { describeInBrowser, screenshots, waitForView } from './browser';

describeInBrowser('single sign-on', (b) => {
  const env = inject('e2e');
  const sso = 'sso' in env ? env.sso : undefined;

  test('the sign-in options offer the provider', async () => {
    const res = await fetch(`${b.server.baseURL}/api/sign-in-options`);
    expect(await res.json()).toEqual({ sso: { name: 'Test provider', url: '/api/oidc/start' }, passwordResetByMail: false });
  });

  test('the sign-in page\'s button goes through the provider and lands signed in where the link pointed', async () => {
    if (!sso) throw new Error('the global setup started no provider');
    const p = await b.newPage();
    const { page } = p;
    // A bookmark of a client's map, signed out: the sign-in page offers the provider.
    await page.goto('/clients/2');
    await page.locator('form.signin-card').waitFor();
    const button = page.getByRole('link', { name: 'Sign in with Test provider' });
    expect(await button.getAttribute('href')).toBe('/api/oidc/start?next=%2Fclients%2F2');
    await button.click();
    // The provider's own login page, on another origin.
    await page.getByRole('heading', { name: 'Test provider' }).waitFor();
    expect(new URL(page.url()).origin).not.toBe(b.server.baseURL);
    await screenshots(page, 'sso-provider-login');
    await page.getByLabel('Username').fill(sso.login);
    await page.getByLabel('Password').fill(sso.password);
    await page.getByRole('button', { name: 'Sign in' }).click();

    // Back on the map, signed in by the session: the header names the user.
    await page.waitForURL((u) => u.origin === b.server.baseURL && u.pathname === '/clients/2');
    await page.locator('.topbar .who a').filter({ hasText: `${sso.name} · editor` }).waitFor();
    await waitForView(page, 'client');
    await screenshots(page, 'sso-signed-in');
    const session = await page.evaluate(async () => {
      const res = await fetch('/api/session');
      return { status: res.status, body: (await res.json()) as { user: { email: string; name: string; role: string; state: string }; csrfToken: string } };
    });
    expect(session.status).toBe(200);
    expect(session.body.user).toMatchObject({ email: sso.email, name: sso.name, role: 'EDITOR', state: 'ACTIVE' });
    expect(session.body.csrfToken).not.toBe('');
    // The cookie is the session's: HttpOnly, not readable by the page.
    expect(await page.evaluate(() => document.cookie)).not.toContain('alliance_session');
    const cookies = await page.context().cookies(b.server.baseURL);
    expect(cookies.find((c) => c.name === 'alliance_session')).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
    expect(cookies.find((c) => c.name === 'alliance_oidc'), 'the login cookie is spent').toBeUndefined();
    // The only console errors: the signed-out page asking who is signed in.
    p.expectNoErrors([/status of 401 .*\/api\/session:/]);
  });

  test('a next that leaves the server lands on a readable page', async () => {
    const p = await b.newPage();
    const { page } = p;
    const res = await page.goto('/api/oidc/start?next=https%3A%2F%2Fevil.example%2F');
    expect(res?.status()).toBe(400);
    await page.getByRole('heading', { name: 'Single sign-on did not work' }).waitFor();
    await page.getByText('(next) must be a path of this server').waitFor();
    await screenshots(page, 'sso-refused');
    p.expectNoErrors([/status of 400/]);
  });
});
