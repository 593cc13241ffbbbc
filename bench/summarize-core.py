"""Prints the medians (and spread) of bench/run-core.sh's JSON, as written into docs/benchmarks.md."""
import json, statistics, sys

r = json.load(open(sys.argv[1]))
med = lambda xs: statistics.median(xs)
api = [w["api"] for w in r["writes"]]
raw = [w["jdbc"] for w in r["writes"]]
print(f'date {r["date"]}, {r["machine"]}, {r["clients"]} clients, {len(api)} runs of {r["seconds"]} s')
print(f'start to ready: median {med([s["readyMs"] for s in r["starts"]])} ms '
      f'(all: {[s["readyMs"] for s in r["starts"]]}), RSS after start median {med([s["rssMb"] for s in r["starts"]])} MB')
for name, rows in (("api ", api), ("jdbc", raw)):
    print(f'{name}: {med([x["perSecond"] for x in rows]):8.0f}/s (runs {[round(x["perSecond"]) for x in rows]}), '
          f'p50 {med([x["p50ms"] for x in rows]):.2f} ms, p99 median {med([x["p99ms"] for x in rows]):.2f} ms '
          f'(worst {max(x["p99ms"] for x in rows):.2f}), failed {sum(x["failed"] for x in rows)}')
print(f'ratio api/jdbc (median of runs): {med([a["perSecond"] / j["perSecond"] for a, j in zip(api, raw)]):.3f}')
if "paced" in r:
    p = r["paced"]
    print(f'api paced to ~1,000/s: {p["perSecond"]:.0f}/s, p50 {p["p50ms"]:.2f} ms, p99 {p["p99ms"]:.2f} ms, '
          f'max {p["maxMs"]:.2f} ms, failed {p["failed"]}')
g = r["read1000"]
print(f'GET 1,000-event incident: p50 {g["p50ms"]:.2f} ms, p99 {g["p99ms"]:.2f} ms, {g["perSecond"]:.0f}/s')
print(f'RSS after the load: {r["rssAfterLoadMb"]} MB')
