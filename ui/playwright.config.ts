import { defineConfig } from '@playwright/test';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';

// End-to-end tests in real headless Chromium (Debian's package: no browser is downloaded) against
// the packaged app on its embedded default, with a fresh data directory and a known admin token.
export const TOKEN = 'e2e-admin-token-0123456789abcdef';
const PORT = Number(process.env.E2E_PORT ?? 18181);
mkdirSync('../target', { recursive: true });
const data = mkdtempSync(join('..', 'target', 'e2e-data-')); // under target/: mvn clean removes it

export default defineConfig({
  testDir: 'e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  workers: 1,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    launchOptions: { executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium' },
  },
  webServer: {
    command: 'java -jar ../target/faultline.jar',
    url: `http://127.0.0.1:${PORT}/q/health/ready`,
    timeout: 120_000,
    reuseExistingServer: false,
    // SIGTERM, so the app stops its embedded PostgreSQL before it exits
    gracefulShutdown: { signal: 'SIGTERM', timeout: 30_000 },
    env: { FAULTLINE_DATA_DIR: data, QUARKUS_HTTP_PORT: String(PORT), FAULTLINE_ADMIN_TOKEN: TOKEN, QUARKUS_DATASOURCE_JDBC_URL: '' },
  },
});
