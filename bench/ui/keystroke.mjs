// Keystroke-to-results benchmark (bench/run-ui-keystroke.sh): the search page in real headless
// Chromium (Debian's /usr/bin/chromium, driven by ui/node_modules' playwright-core; no browser is
// downloaded), signed in with a reader token. Each query is typed into the search box key by key with a
// person's rhythm (80-120 ms between keys); for its last key, the page itself measures, on
// performance.now(), from the keydown event to the frame painted after the result list names the whole
// query (<ol class="hits" data-q="...">: the trimmed query whose results are rendered).
// The UI waits 30 ms after the last key before it asks (debounce), so the figure includes that wait;
// the breakdown says where the rest goes: keydown -> the search request starts (the debounce),
// request -> response (network and server, from Resource Timing), response -> painted (rendering).
//   node keystroke.mjs <base url> <token> [rounds=1] > result.json   (progress on stderr)
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const [base, token, roundsArg] = process.argv.slice(2);
const rounds = Number(roundsArg ?? 1);
const require = createRequire(fileURLToPath(new URL('../../ui/package.json', import.meta.url)));
const { chromium } = require('playwright-core');

const DEBOUNCE_MS = 30; // ui/src/pages/Search.tsx
const TARGET_P95_MS = 150;
// The query texts of the search benchmark's mix (bench/src/main/java/dev/faultline/bench/SearchQueries.java),
// each once, in its order; the UI types filters as clicks, so the mix's filters are left out.
const QUERIES = [
  'dns', 'bgp', 'certificate', 'backtracking', 'failover', 'quota', 'webhooks', 'payments', 'snapshot', 'throttled',
  '"feature file"', '"race condition"', '"connection pool"', '"kill switch"', '"control plane"', '"staged rollout"',
  '"power loss"', '"null pointer"', '"backup failure"', '"load balancer"',
  'latent bug parser configuration', 'regex backtracking cpu', 'dns answers empty', 'database permissions change',
  'certificate rotation logins fail', 'bgp announcement change', 'retry loop queues back up',
  'maintenance command capacity', 'traffic surge throttled', 'third-party provider failure storage',
  'configuration change', 'race condition', 'failover region', 'latent bug', 'database', 'queue backs up',
  'outage', 'rolled back', 'power', 'quota policy', 'timeout', 'snapshot restore', 'health checks flap',
];
// typed first, unmeasured: the app's request paths compiled and the browser's caches warm, as in use
const WARMUP = ['proxy', 'latency spike', 'deployment', 'storage', 'validation', 'retry', 'caches go cold', 'feature flag'];

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const gap = () => 80 + Math.random() * 40; // between two keys, like a person
const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] : null;
};
const round1 = (x) => (x == null ? null : Math.round(x * 10) / 10);
const stats = (xs) => ({ p50: round1(pct(xs, 50)), p95: round1(pct(xs, 95)), max: round1(Math.max(...xs)), mean: round1(xs.reduce((a, b) => a + b, 0) / xs.length) });

const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox'],
});
const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
// signed in (the UI keeps the token in sessionStorage); every fetch the page starts is noted with its
// start time, so the debounce can be told apart from the request
await context.addInitScript((t) => {
  sessionStorage.setItem('faultline.token', t);
  performance.setResourceTimingBufferSize(100_000); // the default 250 entries fill up within a run
  const fetch0 = window.fetch;
  window.__fetches = [];
  window.fetch = function (input, init) {
    window.__fetches.push({ url: String(input), at: performance.now() });
    return fetch0.call(this, input, init);
  };
}, token);
const page = await context.newPage();
const consoleErrors = [];
page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
await page.goto(base + '/');
const box = page.locator('input.query');
await box.waitFor();
await page.waitForSelector('ol.hits[data-q=""]'); // the empty query's first page: the app answers

/** Empties the box the way a person does and waits until the empty query's results are shown. */
async function clear() {
  await box.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  await page.waitForFunction(() => document.querySelector('ol.hits')?.getAttribute('data-q') === '', null, { timeout: 15_000 });
  await sleep(400 + Math.random() * 300); // a reader's pause before the next query
}

/** Types q key by key; for the last key, the in-page measurement (null when it times out). */
async function typeAndMeasure(q) {
  await clear();
  for (const ch of q.slice(0, -1)) {
    await page.keyboard.type(ch);
    await sleep(gap());
  }
  const wanted = q.trim();
  // armed before the last key: keydown (capture, its event time) -> the list names the whole query ->
  // the next animation frame -> a task after it, i.e. after that frame was painted
  await page.evaluate((wanted) => {
    window.__measure = new Promise((resolve) => {
      const input = document.querySelector('input.query');
      let down = null;
      const onDown = (e) => { down = e.timeStamp; input.removeEventListener('keydown', onDown, true); };
      input.addEventListener('keydown', onDown, true);
      const fetchesBefore = window.__fetches.length;
      let done = false;
      const check = () => {
        if (done || down === null) return;
        const ol = document.querySelector('ol.hits');
        if (!ol || ol.getAttribute('data-q') !== wanted) return;
        done = true;
        observer.disconnect();
        const inDom = performance.now();
        requestAnimationFrame((frame) => {
          setTimeout(() => {
            const painted = performance.now();
            const search = window.__fetches.slice(fetchesBefore).filter((f) => f.url.startsWith('/api/search') && f.at >= down);
            const last = search[search.length - 1];
            let timing = null;
            if (last) {
              const url = new URL(last.url, location.href).href;
              timing = performance.getEntriesByName(url, 'resource').filter((e) => e.startTime >= last.at - 1).pop() ?? null;
            }
            resolve({
              keydown: down, inDom, frame, painted, requests: search.length,
              requestStart: last?.at ?? null,
              responseEnd: timing ? timing.responseEnd : null,
              ttfb: timing ? timing.responseStart - timing.requestStart : null, // the server's time, mostly
              hits: ol.children.length,
              summary: document.querySelector('.summary')?.textContent ?? null,
            });
          }, 0);
        });
      };
      const observer = new MutationObserver(check);
      observer.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-q'], characterData: true });
    });
  }, wanted);
  await page.keyboard.type(q.slice(-1));
  try {
    return await Promise.race([
      page.evaluate(() => window.__measure),
      sleep(15_000).then(() => null),
    ]);
  } catch {
    return null;
  }
}

for (const q of WARMUP) await typeAndMeasure(q);

const samples = [];
const failures = [];
for (let round = 1; round <= rounds; round++) {
  for (const q of QUERIES) {
    const m = await typeAndMeasure(q);
    if (!m) {
      failures.push(q);
      process.stderr.write(`  ${q}: no result list for it within 15 s\n`);
      continue;
    }
    const s = {
      round, q,
      total: m.painted - m.keydown, // keydown -> painted, the figure
      inDom: m.inDom - m.keydown,
      debounce: m.requestStart != null ? m.requestStart - m.keydown : null, // keydown -> request start
      request: m.requestStart != null && m.responseEnd != null ? m.responseEnd - m.requestStart : null,
      render: m.responseEnd != null ? m.painted - m.responseEnd : null, // response -> painted
      ttfb: m.ttfb,
      requests: m.requests, hits: m.hits, summary: m.summary,
    };
    s.excludingDebounce = m.requestStart != null ? m.painted - m.requestStart : null;
    samples.push(s);
    process.stderr.write(`  ${q.padEnd(40)} ${s.total.toFixed(1).padStart(6)} ms (debounce ${s.debounce?.toFixed(1)}, request ${s.request?.toFixed(1)}, render ${s.render?.toFixed(1)}) ${m.summary ?? ''}\n`);
  }
}
await browser.close();

const of = (key) => samples.map((s) => s[key]).filter((x) => x != null);
const result = {
  date: new Date().toISOString(),
  browser: `Chromium ${browser.version()} (headless, ${process.env.CHROME_PATH ?? '/usr/bin/chromium'})`,
  method: 'in-page performance.now(): keydown event time of the last key -> ol.hits[data-q=<trimmed query>] in the DOM -> requestAnimationFrame -> setTimeout 0 (the frame painted); keys 80-120 ms apart',
  debounceMs: DEBOUNCE_MS,
  targetP95Ms: TARGET_P95_MS,
  queries: QUERIES.length, rounds, measured: samples.length, failed: failures,
  keystrokeToPaintedMs: stats(of('total')), // includes the debounce
  keystrokeToInDomMs: stats(of('inDom')),
  excludingDebounceMs: stats(of('excludingDebounce')), // search request start -> painted
  breakdownMs: { debounce: stats(of('debounce')), request: stats(of('request')), requestTtfb: stats(of('ttfb')), render: stats(of('render')) },
  meetsTarget: pct(of('total'), 95) <= TARGET_P95_MS,
  consoleErrors,
  samples: samples.map((s) => Object.fromEntries(Object.entries(s).map(([k, v]) => [k, typeof v === 'number' && !Number.isInteger(v) ? round1(v) : v]))),
};
process.stdout.write(JSON.stringify(result) + '\n');
