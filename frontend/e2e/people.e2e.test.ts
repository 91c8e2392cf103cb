// People: signing in with an email and password, a Ctrl+click tab that is
// signed in too, "keep me signed in" across a closed browser (and without it,
// signed out), signing out every tab, an admin inviting a person who accepts
// the link, and a client-portal user who sees their client only, without
// money. The people are made through the API with the admin token.
import type { BrowserContext, Page } from 'playwright-core';
import { expect, test } from 'vitest';
import type { Role } from '../src/gql/graphql';
import { formatMoney } from '../src/shared/format';
import { gql } from './api';
import { describeInBrowser, screenshots, SIGNED_OUT, waitForView, type BrowserTests, type Server } from './browser';

const PASSWORD = 'violet staple gravity';

let n = 0;
/** A fresh email for a person of this test run. */
const email = (who: string) => `${who}.${Date.now().toString(36)}${n++}@e2e.example`;

/** Makes an active user through the API: invited by the admin token, the link accepted with PASSWORD. */
async function makeUser(server: Server, who: { email: string; name: string; role: Role; clientId?: string }): Promise<void> {
  const { inviteUser } = await gql<{ inviteUser: { code: string } }>(
    server,
    `mutation E2EInvite($input: InviteUserInput!) { inviteUser(input: $input) { code } }`,
    { input: { email: who.email, name: who.name, role: who.role, clientId: who.clientId ?? null } },
  );
  const res = await fetch(`${server.baseURL}/api/invitation`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: server.baseURL },
    body: JSON.stringify({ code: inviteUser.code, password: PASSWORD }),
  });
  expect(res.status, await res.clone().text()).toBe(200);
}

/** Signs in on the sign-in page of a fresh page of context. */
async function signIn(page: Page, who: string, { keep = false } = {}): Promise<void> {
  await page.goto('/');
  await page.getByLabel('Email', { exact: true }).fill(who);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  if (keep) await page.getByLabel('Keep me signed in').check();
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

const who = (page: Page) => page.locator('.topbar .who a').innerText().then((t) => t.trim());

/** A fresh browser context (as a new browser profile), with storage as given. */
async function newContext(b: BrowserTests, storageState?: Awaited<ReturnType<BrowserContext['storageState']>>) {
  const p = await b.newPage();
  if (!storageState) return p;
  await p.context.addCookies(storageState.cookies);
  return p;
}

describeInBrowser('people', (b) => {
  test('sign in with a password; a Ctrl+click tab is signed in; the account lists the session', async () => {
    const ada = email('ada');
    await makeUser(b.server, { email: ada, name: 'Ada Lovelace', role: 'EDITOR' });
    const p = await b.newPage();
    const { page } = p;
    await page.goto('/');
    await page.locator('form.signin-card').waitFor();
    await screenshots(page, 'people-signin');
    // A wrong password: the same message whatever is wrong, still signed out.
    await page.getByLabel('Email', { exact: true }).fill(ada);
    await page.getByLabel('Password', { exact: true }).fill('not the password at all');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByText('the email or password is not right').waitFor();
    expect(await page.locator('.topbar').count()).toBe(0);

    await signIn(page, ada);
    await waitForView(page, 'portfolio');
    expect(await who(page)).toBe('Ada Lovelace · editor');
    expect(await page.evaluate(() => sessionStorage.length), 'no token in the tab: the cookie signs in').toBe(0);

    // Ctrl+click on a client: a new tab, signed in by the same cookie.
    const [tab] = await Promise.all([p.context.waitForEvent('page'), page.getByRole('link', { name: 'Kestrel Freight & Logistics' }).click({ modifiers: ['Control'] })]);
    await waitForView(tab, 'client');
    expect(new URL(tab.url()).pathname).toBe('/clients/2');
    expect(await who(tab)).toBe('Ada Lovelace · editor');

    // A write through the cookie carries the anti-CSRF token: a personal token.
    await page.goto('/account');
    const account = await waitForView(page, 'account');
    await account.locator('table[data-list="sessions"]').getByText('(this one)').waitFor();
    await page.getByLabel('Token name').fill(`ada-script-${n++}`);
    await page.getByLabel('Role').selectOption('EDITOR');
    await page.getByRole('button', { name: 'Make the token' }).click();
    const secret = (await page.locator('[data-secret]').innerText()).trim();
    expect(secret).toMatch(/^alz_/);
    const me = await gql<{ me: { name: string; role: Role } }>(b.server, '{ me { name role } }', {}, secret);
    expect(me.me.role).toBe('EDITOR');
    await screenshots(page, 'people-account');
    p.expectNoErrors(SIGNED_OUT.concat([/status of 401 .*\/api\/session:/]));
  });

  test('"keep me signed in" survives closing the browser; without it the browser is signed out', async () => {
    const grace = email('grace');
    await makeUser(b.server, { email: grace, name: 'Grace Hopper', role: 'VIEWER' });
    for (const keep of [true, false]) {
      const first = await b.newPage();
      await signIn(first.page, grace, { keep });
      await waitForView(first.page, 'portfolio');
      // Closing the browser: only cookies with an expiry stay (as a browser keeps them).
      const state = await first.context.storageState();
      const kept = { ...state, cookies: state.cookies.filter((c) => c.expires > 0) };
      await first.context.close();
      const again = await newContext(b, kept);
      await again.page.goto('/clients/2');
      if (keep) {
        await waitForView(again.page, 'client');
        expect(await who(again.page)).toBe('Grace Hopper · viewer');
      } else {
        await again.page.locator('form.signin-card').waitFor();
        expect(await again.page.locator('.topbar').count()).toBe(0);
      }
      first.expectNoErrors(SIGNED_OUT);
      again.expectNoErrors(SIGNED_OUT);
    }
  });

  test('signing out in one tab signs out every tab', async () => {
    const alan = email('alan');
    await makeUser(b.server, { email: alan, name: 'Alan Turing', role: 'VIEWER' });
    const p = await b.newPage();
    await signIn(p.page, alan);
    await waitForView(p.page, 'portfolio');
    const other = await p.context.newPage();
    await other.goto('/gaps');
    await waitForView(other, 'gaps');
    await p.page.locator('.topbar').getByRole('button', { name: 'Sign out' }).click();
    await p.page.locator('form.signin-card').waitFor();
    // The other tab hears of it at once.
    await other.locator('form.signin-card').waitFor();
    await other.getByText('You signed out in another tab').waitFor();
    // And the session is over on the server: a reload stays signed out.
    await other.reload();
    await other.locator('form.signin-card').waitFor();
    p.expectNoErrors(SIGNED_OUT);
  });

  test('an admin invites a person on the users page, who accepts the link and is signed in', async () => {
    const admin = email('admin');
    await makeUser(b.server, { email: admin, name: 'Edsger Admin', role: 'ADMIN' });
    const p = await b.newPage();
    const { page } = p;
    await signIn(page, admin);
    await waitForView(page, 'portfolio');
    await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Users' }).click();
    const users = await waitForView(page, 'users');
    await users.locator(`tr[data-user="${admin}"]`).waitFor();

    // A field error from the server, at its field: an email that is taken.
    await page.getByRole('button', { name: 'Invite a person' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Email').fill(admin);
    await dialog.getByLabel('Name').fill('Someone Else');
    await dialog.getByRole('button', { name: 'Invite' }).click();
    await dialog.locator('.field.invalid').getByText('exists already').waitFor();

    const barbara = email('barbara');
    await dialog.getByLabel('Email').fill(barbara);
    await dialog.getByLabel('Name').fill('Barbara Liskov');
    await dialog.getByLabel('Role').selectOption('EDITOR');
    await dialog.getByRole('button', { name: 'Invite' }).click();
    const url = (await page.locator('[data-link="INVITATION"] [data-url]').innerText()).trim();
    expect(url).toMatch(/\/invitation#code=alzi_/);
    await users.locator(`tr[data-user="${barbara}"]`).getByText('invited').waitFor();
    await screenshots(page, 'people-users');

    // Barbara, in a browser of her own, opens the link.
    const her = await b.newPage();
    await her.page.goto(url);
    await her.page.getByLabel('Password', { exact: true }).fill('short');
    await her.page.getByLabel('Password again').fill('short');
    await her.page.getByRole('button', { name: 'Accept and sign in' }).click();
    await her.page.locator('.field.invalid').getByText('at least 12 characters').waitFor();
    await her.page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await her.page.getByLabel('Password again').fill(PASSWORD);
    await her.page.getByRole('button', { name: 'Accept and sign in' }).click();
    await waitForView(her.page, 'portfolio');
    expect(new URL(her.page.url()).pathname).toBe('/');
    expect(await who(her.page)).toBe('Barbara Liskov · editor');

    // The admin sees her active; she signs in with her password from another browser.
    await page.reload();
    await waitForView(page, 'users');
    await page.locator(`tr[data-user="${barbara}"]`).getByText('active').waitFor();
    const later = await b.newPage();
    await signIn(later.page, barbara);
    await waitForView(later.page, 'portfolio');
    p.expectNoErrors(SIGNED_OUT);
    her.expectNoErrors(SIGNED_OUT.concat([/status of 400 .*\/api\/invitation:/]));
    later.expectNoErrors(SIGNED_OUT);
  });

  test('a client-portal user sees their client only, and no money', async () => {
    // The provider's money on a client's map: its cost to serve.
    const { client } = await gql<{ client: { name: string; monthlyCostToServe: string } }>(b.server, `{ client(id: "2") { name monthlyCostToServe } }`);
    const money = formatMoney(client.monthlyCostToServe);
    const kai = email('kai');
    await makeUser(b.server, { email: kai, name: 'Kai Portal', role: 'VIEWER', clientId: '2' });
    const boss = email('boss');
    await makeUser(b.server, { email: boss, name: 'Boss Editor', role: 'EDITOR' });

    const p = await b.newPage();
    await signIn(p.page, kai);
    await p.page.waitForURL((u) => u.pathname === '/clients/2');
    const map = await waitForView(p.page, 'client');
    expect(await who(p.page)).toBe(`Kai Portal · viewer · ${client.name}`);
    const nav = (await p.page.getByRole('navigation', { name: 'Views' }).getByRole('link').allInnerTexts()).map((t) => t.trim());
    expect(nav).toContain(client.name);
    expect(nav).not.toContain('Portfolio');
    expect(nav).not.toContain('Impact');
    expect(nav).not.toContain('Users');
    expect(await map.innerText()).not.toContain(money);
    expect(await map.innerText()).not.toContain('Cost to serve');
    // Another client's map is not theirs to see.
    await p.page.goto('/clients/3');
    await p.page.locator('main').getByText(/not found|no client/i).first().waitFor();

    // The same map for an editor of every client shows the cost to serve: the check can fail.
    const q = await b.newPage();
    await signIn(q.page, boss);
    await waitForView(q.page, 'portfolio');
    await q.page.goto('/clients/2');
    const full = await waitForView(q.page, 'client');
    expect(await full.innerText()).toContain(money);
    expect(await full.innerText()).toContain('Cost to serve');
    p.expectNoErrors(SIGNED_OUT);
    q.expectNoErrors(SIGNED_OUT);
  });
});
