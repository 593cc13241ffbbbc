import { APIRequestContext, expect, Page } from '@playwright/test';
import { TOKEN } from '../playwright.config';

export const AUTH = { Authorization: `Bearer ${TOKEN}` };

/** Until every projection has caught up (the seed incidents are indexed asynchronously on a first start). */
export async function caughtUp(request: APIRequestContext) {
  await expect.poll(async () => {
    const response = await request.get('/api/admin/projections', { headers: AUTH });
    if (!response.ok()) return false;
    const projections = (await response.json()) as { lag: number | null; rebuild?: { running: boolean } | null }[];
    return projections.every((p) => p.lag === 0 && !p.rebuild?.running);
  }, { timeout: 120_000, intervals: [500] }).toBe(true);
}

export async function signIn(page: Page) {
  await page.goto('/');
  await page.getByLabel('API token').fill(TOKEN);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
}
