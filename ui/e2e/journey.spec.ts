import { expect, Page, test } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { caughtUp, signIn } from './support';

// On a first start the app imports the seed incidents and indexes them asynchronously: the journeys
// begin once every projection has caught up, as a user arriving a minute later would find it.
test.beforeAll(async ({ request }) => {
  test.setTimeout(150_000);
  await caughtUp(request);
});

async function setRange(page: Page, selector: string, value: number) {
  await page.locator(selector).evaluate((el, v) => {
    const input = el as HTMLInputElement;
    input.value = String(v);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  }, value);
}

test('search finds Cloudflare by meaning, the replay shows the DDoS hypothesis stand and fall', async ({ page }) => {
  await signIn(page);
  await page.getByRole('searchbox', { name: 'Search incidents' }).fill('latent bug after a routine configuration change');
  const cloudflare = page.getByRole('link', { name: /Cloudflare global outage/ });
  await expect(cloudflare).toBeVisible({ timeout: 30_000 }); // the index fills with the seed incidents on first start
  await expect(page.locator('mark').first()).toBeVisible();
  await expect(page).toHaveURL(/\?q=latent\+bug/); // the URL holds the query

  await cloudflare.click();
  await expect(page).toHaveURL(/\/incidents\/cloudflare-2025-11-18$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Cloudflare global outage');
  const ddos = page.getByTestId('cause-ddos-hypothesis');
  await expect(ddos).toContainText('RULED OUT');

  await setRange(page, '#at', Date.parse('2025-11-18T12:00:00Z'));
  await expect(page.getByTestId('at')).toContainText('2025-11-18 12:00');
  await expect(ddos).toContainText('STANDING');
  await expect(page.getByTestId('status')).toHaveText('ONGOING');

  await setRange(page, '#at', Date.parse('2025-11-18T17:06:00Z'));
  await expect(ddos).toContainText('RULED OUT');

  // a page opened directly (or reloaded) is served the UI too; back returns to the search
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Cloudflare global outage');
  await page.goBack();
  await expect(page.getByRole('searchbox', { name: 'Search incidents' })).toHaveValue('latent bug after a routine configuration change');
});

test('without a token the search says how to sign in', async ({ page }) => {
  await page.goto('/?q=dns');
  await expect(page.getByRole('alert')).toContainText('Sign in with an API token');
});

test('keyboard: arrows choose a result, Enter opens it', async ({ page }) => {
  await signIn(page);
  const box = page.getByRole('searchbox', { name: 'Search incidents' });
  await box.fill('cloudflare bot management feature file');
  // the results of this query, not those shown before it was typed
  await expect(page.locator('ol.hits[data-q="cloudflare bot management feature file"] li').first()).toBeVisible({ timeout: 30_000 });
  await box.press('ArrowDown');
  await box.press('Enter');
  await expect(page).toHaveURL(/\/incidents\/[a-z0-9-]+$/);
});

test('no serious or critical accessibility violations on the search and incident pages', async ({ page }) => {
  await signIn(page);
  await page.getByRole('searchbox', { name: 'Search incidents' }).fill('dns');
  await expect(page.locator('.hit').first()).toBeVisible({ timeout: 30_000 });
  for (const url of ['/?q=dns', '/incidents/cloudflare-2025-11-18']) {
    await page.goto(url);
    await page.waitForLoadState('networkidle');
    const results = await new AxeBuilder({ page }).analyze();
    const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(bad.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  }
});

test('the knowledge slider shows what was known after each recorded event, and the history who recorded it', async ({ page }) => {
  await signIn(page);
  await page.goto('/incidents/cloudflare-2025-11-18');
  await expect(page.getByTestId('cause-ddos-hypothesis')).toBeVisible();
  await setRange(page, '#known', 0);
  await expect(page.getByTestId('known')).toContainText('event 1 of');
  await expect(page.getByTestId('known')).toContainText('IncidentDeclared');
  await expect(page.getByText('None identified yet at this time.')).toBeVisible();
  await expect(page.getByTestId('cause-ddos-hypothesis')).toHaveCount(0);
  const last = await page.locator('#known').getAttribute('max');
  await setRange(page, '#known', Number(last));
  await expect(page.getByTestId('cause-ddos-hypothesis')).toContainText('RULED OUT');
  await page.getByText(/History: \d+ recorded events/).click();
  await expect(page.locator('.history li').first()).toContainText('by system via seed');
  await expect(page.getByRole('heading', { name: 'Had we seen this before?' })).toBeVisible();
});
