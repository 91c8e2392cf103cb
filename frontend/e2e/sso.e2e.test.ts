// Single sign-on: from /api/oidc/start through the test OpenID provider's
// login page (a real provider on loopback, started by the global setup) back
// to Alliance, signed in by a session cookie.
import { expect, inject, test } from 'vitest';
import { describeInBrowser, screenshots } from './browser';

describeInBrowser('single sign-on', (b) => {
  const env = inject('e2e');
  const sso = 'sso' in env ? env.sso : undefined;

  test('the sign-in options offer the provider', async () => {
    const res = await fetch(`${b.server.baseURL}/api/sign-in-options`);
    expect(await res.json()).toEqual({ sso: { name: 'Test provider', url: '/api/oidc/start' }, passwordResetByMail: false });
  });

  test('/api/oidc/start goes through the provider and lands signed in on next', async () => {
    if (!sso) throw new Error('the global setup started no provider');
    const p = await b.newPage();
    const { page } = p;
    await page.goto('/api/oidc/start?next=%2Fclients%2F2');
    // The provider's own login page, on another origin.
    await page.getByRole('heading', { name: 'Test provider' }).waitFor();
    expect(new URL(page.url()).origin).not.toBe(b.server.baseURL);
    await screenshots(page, 'sso-provider-login');
    await page.getByLabel('Username').fill(sso.login);
    await page.getByLabel('Password').fill(sso.password);
    await page.getByRole('button', { name: 'Sign in' }).click();

    await page.waitForURL((u) => u.origin === b.server.baseURL && u.pathname === '/clients/2');
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
    // The app on this page may not know cookie sessions yet: only the
    // server's answers are checked here.
    p.expectNoErrors([/status of 401/]);
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
