import { expect, test } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { AUTH, caughtUp, signIn } from './support';

test.beforeAll(async ({ request }) => {
  test.setTimeout(150_000);
  await caughtUp(request);
});

test('patterns: the heat map and the list; a pattern opens with its incidents and the sentences that put them there', async ({ page }) => {
  await signIn(page);
  await page.getByRole('link', { name: 'Patterns', exact: true }).click();
  await expect(page).toHaveURL(/\/patterns$/);
  await expect(page.locator('.heatmap canvas').first()).toBeVisible(); // drawn by ECharts
  const row = page.locator('.pattern-table tbody tr').first();
  await expect(row).toBeVisible();
  await page.getByRole('combobox', { name: 'Order by' }).selectOption('recent');
  await expect(page).toHaveURL(/sort=recent/);

  await page.goto('/patterns/' + encodeURIComponent('defect:time-handling'));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('defect:time-handling');
  const members = page.locator('.members > li');
  await expect(members.filter({ hasText: 'Cloudflare' }).first()).toBeVisible();
  await expect(members.filter({ hasText: 'Reddit' }).first()).toBeVisible();
  await expect(page.locator('.because code').first()).toHaveText('defect:time-handling');
  await members.getByRole('link').first().click();
  await expect(page).toHaveURL(/\/incidents\//);
});

test('action board: counts per status, a status filter, overdue only', async ({ page }) => {
  await signIn(page);
  await page.goto('/remediations');
  const done = page.getByRole('button', { name: /^done \d+$/ });
  await expect(done).toBeVisible();
  await done.click();
  await expect(page).toHaveURL(/status=DONE/);
  await expect.poll(async () => [...new Set(await page.locator('.board-table tbody td:nth-child(2)').allInnerTexts())])
    .toEqual(['DONE']);
  await page.getByLabel('overdue only').check();
  await expect(page.getByText('Nothing overdue.').or(page.locator('.badge.late').first())).toBeVisible();
});

test('declare an incident and record facts through forms; the API\'s messages stand beside the fields; a 412 says reload', async ({ page, request }) => {
  const id = `e2e-form-${Date.now().toString(36)}`;
  await signIn(page);
  await page.getByRole('link', { name: 'Declare' }).click();
  await page.getByLabel('Id (lowercase, e.g. acme-2026-03-01) *').fill(id);
  await page.getByLabel('Title *').fill('Payments API down after a certificate expired');
  await page.getByLabel('Organization *').fill('Acme');
  await page.getByLabel('Severity *').selectOption('SEV2');
  await page.getByLabel('Started at (UTC) *').fill('2026-03-01T09:30');
  await page.getByRole('button', { name: 'Declare' }).click();
  await expect(page).toHaveURL(new RegExp(`/incidents/${id}$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Payments API down after a certificate expired');

  // the API's validation, beside the field it names
  const form = page.getByRole('form', { name: 'Timeline entry' });
  await form.getByLabel('Kind *').selectOption('DETECTION');
  await form.getByRole('button', { name: 'Record entry' }).click();
  await expect(form.locator('#timeline-text-error')).toHaveText('must not be blank');
  await expect(form.locator('#timeline-at-error')).toHaveText('must not be null');

  await form.getByLabel('At (UTC) *').fill('2026-03-01T09:42');
  await form.getByLabel('What happened *').fill('Synthetic checks fail with TLS handshake errors.');
  await form.getByRole('button', { name: 'Record entry' }).click();
  await expect(page.getByText('Recorded: timeline entry.')).toBeVisible();
  await expect(page.locator('.timeline li')).toContainText(['Synthetic checks fail with TLS handshake errors.']);

  await page.getByLabel('What', { exact: true }).selectOption('root-cause');
  const cause = page.getByRole('form', { name: 'Root cause' });
  await cause.getByLabel('Summary *').fill('The certificate was renewed by hand and its expiry was not monitored.');
  await cause.getByLabel('Labels (dimension:label, comma-separated)').fill('trigger:expiry, defect:nope');
  await cause.getByRole('button', { name: 'Record root cause' }).click();
  await expect(cause.locator('#root-cause-labels-error')).toContainText('defect:nope'); // every unknown label named
  await expect(cause.locator('#root-cause-labels-error')).toContainText('trigger:expiry');

  // someone else writes in between: the form's If-Match is stale
  const other = await request.post(`/api/incidents/${id}/timeline`, {
    headers: AUTH, data: { at: '2026-03-01T09:50:00Z', kind: 'ESCALATION', text: 'Incident commander paged.' },
  });
  expect(other.status()).toBe(200);
  await cause.getByLabel('Labels (dimension:label, comma-separated)').fill('defect:latent-bug');
  await cause.getByRole('button', { name: 'Record root cause' }).click();
  await expect(cause.getByRole('alert')).toContainText('Someone changed this incident since you opened it');
  await cause.getByRole('button', { name: 'Reload' }).click();
  await expect(page.locator('.timeline li')).toContainText(['Incident commander paged.']);
  await expect(cause.getByLabel('Summary *')).toHaveValue(/renewed by hand/); // what was typed stays
  await cause.getByRole('button', { name: 'Record root cause' }).click();
  await expect(page.locator('.causes li')).toContainText(['The certificate was renewed by hand']);

  // a retracted entry stays, struck through, with the reason
  await page.getByLabel('What', { exact: true }).selectOption('retract');
  const retract = page.getByRole('form', { name: 'Retract a timeline entry' });
  await retract.getByLabel('Entry *').selectOption({ label: '2026-03-01 09:50 UTC Incident commander paged.' });
  await retract.getByLabel('Why it is retracted *').fill('Paged by mistake: it was a test page.');
  await retract.getByRole('button', { name: 'Retract' }).click();
  const retracted = page.locator('.timeline li.retracted');
  await expect(retracted).toContainText('Retracted');
  await expect(retracted).toContainText('Paged by mistake: it was a test page.');
  await expect(retracted.locator('.text')).toHaveCSS('text-decoration-line', 'line-through');
  await expect(page.getByTestId('who')).toContainText('token:');
});

test('import: a dropped YAML file shows each document\'s outcome and what changed', async ({ page, request }) => {
  const id = `e2e-import-${Date.now().toString(36)}`;
  const yaml = (title: string) => `id: ${id}\ntitle: "${title}"\norganization: Acme\nseverity: SEV3\nstartedAt: '2026-02-01T10:00:00Z'\n`;
  await signIn(page);
  await page.goto('/import');
  const drop = async (content: string) => {
    const transfer = await page.evaluateHandle((text) => {
      const dt = new DataTransfer();
      dt.items.add(new File([text], 'postmortem.yaml', { type: 'application/yaml' }));
      return dt;
    }, content);
    await page.dispatchEvent('.dropzone', 'drop', { dataTransfer: transfer });
  };
  await drop(yaml('Queue backlog'));
  const report = page.getByTestId('import-report');
  await expect(report).toContainText('created');
  await drop(yaml('Queue backlog after a broker upgrade'));
  await expect(report).toContainText('updated');
  await expect(report.locator('.diff')).toContainText('revise incident details');
  const stored = await request.get(`/api/incidents/${id}`, { headers: AUTH });
  expect((await stored.json()).title).toBe('Queue backlog after a broker upgrade');
});

test('search: year and label-dimension facets filter, sort by newest, and the URL keeps them', async ({ page }) => {
  await signIn(page);
  await page.getByRole('searchbox', { name: 'Search incidents' }).fill('outage');
  await expect(page.locator('.hit').first()).toBeVisible({ timeout: 30_000 });
  const year = page.getByRole('group', { name: 'Year' });
  await year.getByRole('radio', { name: /^2025 \d+$/ }).check();
  await expect(page).toHaveURL(/f=year%3A2025/);
  await expect(page.locator('.hit .meta').first()).toContainText('2025-');
  await expect(page.getByRole('group', { name: 'Label: Defect' })).toBeVisible();
  await page.getByRole('combobox', { name: 'Sort' }).selectOption('newest');
  await expect(page).toHaveURL(/sort=newest/);
  await expect.poll(async () => {
    const days = (await page.locator('.hit .meta').allInnerTexts()).map((d) => d.split(' · ')[1]);
    return days.length > 1 && days.every((d, i) => i === 0 || days[i - 1] >= d);
  }).toBe(true);
  await page.reload();
  await expect(page.getByRole('combobox', { name: 'Sort' })).toHaveValue('newest');
});

test('no serious or critical accessibility violations, and no console errors, on any page', async ({ page }) => {
  await signIn(page);
  const errors: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`${page.url()}: ${m.text()}`); });
  for (const url of ['/patterns', '/patterns/defect:time-handling', '/remediations', '/new', '/import', '/incidents/aws-2025-10-20']) {
    await page.goto(url);
    await page.waitForLoadState('networkidle');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    const results = await new AxeBuilder({ page }).analyze();
    const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(bad.map((v) => `${url} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`)).toEqual([]);
  }
  expect(errors).toEqual([]);
});
