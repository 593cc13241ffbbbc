// Summarizes the Lighthouse reports of bench/run-ui-lighthouse.sh (JSON on stdout):
//   node lighthouse-summary.mjs <reports dir> <runs> <form factor> name=/path ...
// Per page: each category's median score over the runs, the metrics of the median run (by performance
// score), and every audit that failed in any run (score below Lighthouse's pass mark of 0.9; audits
// without a score, i.e. informative, manual or not applicable ones, are left out) with its details.
import { readFileSync } from 'node:fs';

const [dir, runs, formFactor, ...pages] = process.argv.slice(2);
const TARGETS = { performance: 90, accessibility: 95, 'best-practices': 95 };
const METRICS = ['first-contentful-paint', 'largest-contentful-paint', 'total-blocking-time', 'cumulative-layout-shift', 'speed-index', 'interactive'];

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

/** One row of an audit's details table, reduced to what names the problem. */
function item(row) {
  const out = {};
  for (const [key, value] of Object.entries(row)) {
    if (value == null || key === 'subItems') continue;
    if (typeof value !== 'object') out[key] = value;
    else if (value.type === 'node') Object.assign(out, { selector: value.selector, snippet: value.snippet, explanation: value.explanation });
    else if (value.type === 'source-location') out[key] = `${value.url}:${value.line}:${value.column}`;
    else if (value.type === 'code' || value.type === 'url') out[key] = value.value;
    else if (value.type === 'text') out[key] = value.value;
  }
  if (row.subItems?.items?.length) out.subItems = row.subItems.items.slice(0, 5).map(item);
  return out;
}

function failedAudits(lhr) {
  const failed = [];
  for (const [category, { auditRefs }] of Object.entries(lhr.categories)) {
    for (const ref of auditRefs) {
      const a = lhr.audits[ref.id];
      if (a.score === null || a.score >= 0.9 || ['informative', 'manual', 'notApplicable', 'error'].includes(a.scoreDisplayMode)) continue;
      const entry = { category, id: a.id, title: a.title, score: a.score, weight: ref.weight, group: ref.group };
      if (a.displayValue) entry.displayValue = a.displayValue;
      if (a.explanation) entry.explanation = a.explanation;
      if (a.numericValue !== undefined) entry.numericValue = Math.round(a.numericValue * 1000) / 1000;
      entry.description = a.description;
      const rows = a.details?.items ?? [];
      if (rows.length) entry.items = rows.slice(0, 10).map(item);
      failed.push(entry);
    }
  }
  return failed;
}

const result = { date: new Date().toISOString(), lighthouse: null, formFactor, chrome: null, targets: TARGETS,
  loadAverage: { before: process.env.LOAD_BEFORE, after: readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ') }, pages: {} };
for (const page of pages) {
  const [name, ...rest] = page.split('=');
  const lhrs = [];
  for (let run = 1; run <= Number(runs); run++) lhrs.push(JSON.parse(readFileSync(`${dir}/${name}-${run}.json`, 'utf8')));
  result.lighthouse = lhrs[0].lighthouseVersion;
  result.chrome = lhrs[0].environment?.hostUserAgent;
  const scores = (lhr) => Object.fromEntries(Object.entries(lhr.categories).map(([k, c]) => [k, Math.round(c.score * 100)]));
  const perRun = lhrs.map(scores);
  const byPerformance = [...lhrs].sort((a, b) => a.categories.performance.score - b.categories.performance.score);
  const medianRun = byPerformance[Math.floor((byPerformance.length - 1) / 2)];
  const failed = new Map();
  for (const lhr of [medianRun, ...lhrs]) {
    for (const f of failedAudits(lhr)) {
      const key = `${f.category}/${f.id}`;
      if (!failed.has(key)) failed.set(key, { ...f, failedInRuns: 0 });
    }
  }
  for (const lhr of lhrs) for (const f of failedAudits(lhr)) failed.get(`${f.category}/${f.id}`).failedInRuns++;
  result.pages[name] = {
    url: medianRun.finalDisplayedUrl,
    scores: Object.fromEntries(Object.keys(perRun[0]).map((k) => [k, median(perRun.map((s) => s[k]))])),
    runs: perRun,
    medianRunMetrics: Object.fromEntries(METRICS.filter((m) => medianRun.audits[m]).map((m) => [m, medianRun.audits[m].displayValue])),
    failedAudits: [...failed.values()].map((f) => ({ ...f, failedInRuns: `${f.failedInRuns}/${lhrs.length}` })),
    runWarnings: medianRun.runWarnings,
    benchmarkIndex: lhrs.map((l) => l.environment?.benchmarkIndex),
  };
}
process.stdout.write(JSON.stringify(result, null, 2) + '\n');
