// Bad input writes nothing: the server's validation error is shown at the
// field it names, and the API confirms nothing was created.
import { expect, test } from 'vitest';
import { listClients } from './api';
import { describeInBrowser, screenshots, waitForView } from './browser';

describeInBrowser('bad input', (b) => {
  test('a contract value with three decimals shows the field error and creates no client', async () => {
    const name = 'E2E Three Decimals Ltd';
    const before = await listClients(b.server);

    const p = await b.signedIn('/');
    const { page } = p;
    await waitForView(page, 'portfolio');
    await page.getByRole('button', { name: 'New client' }).click();
    const dialog = page.getByRole('dialog', { name: 'New client' });
    await dialog.waitFor();
    await dialog.getByLabel('Name').fill(name);
    const amount = dialog.getByLabel('Annual contract value');
    await amount.fill('12.345');
    await dialog.getByRole('button', { name: 'Create client' }).click();

    // The error is next to the field: in the field's own block, and the
    // input points to it and is marked invalid.
    const field = dialog.locator('.field').filter({ has: page.getByLabel('Annual contract value') });
    const error = field.locator('.field-error');
    await error.waitFor();
    expect((await error.innerText()).trim()).toBe('Must have at most two decimal places');
    expect(await amount.getAttribute('aria-invalid')).toBe('true');
    const errorId = await error.getAttribute('id');
    expect(errorId).toBeTruthy();
    expect(await amount.getAttribute('aria-describedby')).toBe(errorId);
    expect(await dialog.isVisible(), 'the dialog stays open with the input').toBe(true);
    expect(await amount.inputValue()).toBe('12.345');
    await screenshots(page, 'new-client-bad-amount', { fullPage: false });

    // Nothing was written.
    const after = await listClients(b.server);
    expect(after.totalCount).toBe(before.totalCount);
    expect(after.nodes.map((c) => c.id)).toEqual(before.nodes.map((c) => c.id));
    expect((await listClients(b.server, { search: 'Three Decimals' })).totalCount).toBe(0);
    p.expectNoErrors();
  });
});
