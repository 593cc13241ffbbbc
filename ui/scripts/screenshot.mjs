// A screenshot of one UI page, signed in (for docs/images): node scripts/screenshot.mjs http://127.0.0.1:8080 /patterns out.png [dark]
import { chromium } from '@playwright/test';
const [base, path, out, scheme] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, colorScheme: scheme === 'dark' ? 'dark' : 'light' });
page.on('console', (m) => { if (m.type() === 'error') console.log('console:', m.text()); });
page.on('pageerror', (e) => console.log('pageerror:', e.message));
await page.goto(base + '/');
await page.evaluate((t) => sessionStorage.setItem('faultline.token', t), process.env.TOKEN ?? 'dev-admin-token-0123456789abcdef');
await page.goto(base + path);
await page.waitForTimeout(Number(process.env.WAIT ?? 2500));
await page.screenshot({ path: out, fullPage: process.env.FULL === '1' });
await browser.close();
