// Measurement sources: an editor adds a source on the Sources view, tests its
// expression against a real Prometheus and sees the exact value it gives,
// saves it, and pulls it now: the periods are recorded.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { gql, unique } from './api';
import { describeInBrowser, screenshots, waitForView } from './browser';
import { prometheusMissing, prometheusRequired, startPrometheus, type Sample } from './prometheus';

const DAY = 24 * 60 * 60 * 1000;

describeInBrowser('measurement sources', (b) => {
  const missing = prometheusMissing();
  if (missing && !prometheusRequired()) {
    test.skip(missing, () => {});
    return;
  }
  let prom: { url: string; stop: () => Promise<void> };
  // 80 hourly probes of job erp over the days before today, the first 4
  // failed: 76 / 80 × 100 = 95 exactly.
  beforeAll(async () => {
    if (missing) throw new Error(`${missing}, but ALLIANCE_REQUIRE_PROMETHEUS=1`);
    const today = Math.floor(Date.now() / DAY) * DAY;
    const samples: Sample[] = [];
    for (let i = 0; i < 80; i++) {
      samples.push({ name: 'probe_success', labels: { job: 'erp' }, at: new Date(today - 4 * DAY + i * 3_600_000 + 1_800_000), value: i < 4 ? 0 : 1 });
    }
    prom = await startPrometheus(samples);
  }, 90_000);
  afterAll(async () => {
    await prom?.stop();
  });

  test('an editor adds a source, tests its expression and sees the exact value, then pulls it', async () => {
    const name = unique('ERP Hosting');
    const svc = await gql<{ createService: { id: string } }>(b.server, `mutation($in: ServiceInput!) { createService(input: $in) { id } }`, { in: { name } });
    const serviceId = svc.createService.id;

    const p = await b.signedIn(`/services/${serviceId}`);
    const page = p.page;
    await waitForView(page, 'service');
    await page.getByRole('link', { name: 'Measurement sources' }).click();
    const view = await waitForView(page, 'sources');
    expect(page.url()).toMatch(new RegExp(`/sources\\?service=${serviceId}$`));
    await expect.poll(() => view.getByText('No measurement source yet for this service').count()).toBe(1);

    const form = view.locator('form.source-form');
    await expect.poll(() => form.getByLabel('Service', { exact: true }).inputValue()).toBe(serviceId);
    await form.getByLabel('Metric', { exact: true }).selectOption('availability');
    await form.getByLabel('PromQL expression').fill('sum_over_time(probe_success{job="erp"}[30d]) / count_over_time(probe_success{job="erp"}[30d]) * 100');
    await form.getByLabel('Period', { exact: true }).selectOption('DAILY');
    await form.getByLabel('Prometheus URL').fill(prom.url);
    await form.getByRole('button', { name: 'Test' }).click();
    const outcome = form.locator('[data-test-result]');
    await expect.poll(() => outcome.getAttribute('data-test-result'), { timeout: 15_000 }).toBe('OK');
    expect(await outcome.locator('[data-value]').innerText()).toBe('95');
    expect(await outcome.innerText()).toBe('The expression gives 95 now.');

    // A bad expression: Prometheus's error, in words.
    await form.getByLabel('PromQL expression').fill('sum(probe_success');
    await form.getByRole('button', { name: 'Test' }).click();
    await expect.poll(() => outcome.getAttribute('data-test-result'), { timeout: 15_000 }).toBe('QUERY_ERROR');
    expect(await outcome.innerText()).toMatch(/^Query error: Prometheus refused the query: bad_data: /);
    await screenshots(page, 'sources-test-error');

    // The daily figure, saved with a horizon of 3 days.
    await form.getByLabel('PromQL expression').fill('avg_over_time(probe_success{job="erp"}[1d]) * 100');
    await form.getByLabel('Horizon (periods back)').fill('3');
    await form.getByRole('button', { name: 'Add source' }).click();
    const row = view.locator('tr[data-source]');
    await expect.poll(() => row.count(), { timeout: 10_000 }).toBe(1);
    expect(await row.locator('td[data-status]').innerText()).toBe('Not run yet');

    await row.getByRole('button', { name: 'Pull now' }).click();
    await expect.poll(() => row.locator('td[data-status]').getAttribute('data-status'), { timeout: 15_000 }).toBe('OK');
    await expect.poll(() => view.locator('.source-pulled').innerText()).toBe('OK: 3 recorded');
    await screenshots(page, 'sources-list');

    const d = await gql<{ service: { measurements: Array<{ value: number; source: string }> } }>(
      b.server,
      `query($id: ID!) { service(id: $id) { measurements { value source } } }`,
      { id: serviceId },
    );
    // The days before today: the 4 failures fell on the oldest, so the
    // last three are whole (80 probes span 4 days minus 16 hours).
    expect(d.service.measurements.map((m) => m.value)).toEqual([100, 100, 100]);
    expect(new Set(d.service.measurements.map((m) => m.source)).size).toBe(1);

    await row.getByRole('button', { name: 'Pause' }).click();
    await expect.poll(() => row.locator('.source-paused').count()).toBe(1);
    p.expectNoErrors();
  });
});
