#!/usr/bin/env bash
# UI audit (Lighthouse 12.2.3, bench/ui/package.json, in Debian's Chromium): the packaged app on the
# seed incidents in a fresh database, started with anonymous public reads
# (FAULTLINE_SECURITY_PUBLIC_READ=true, docs/security.md): the honest configuration of a read-only
# public catalogue, and the only way Lighthouse, which cannot sign in, loads pages with their data
# (without it the pages render the "sign in" message and no results). Once every projection has
# caught up, each page is audited RUNS times in Lighthouse's default configuration (mobile, simulated
# throttling) and its median run (by performance score, as Lighthouse's own computeMedianRun) is
# reported: performance, accessibility and best-practices scores, and every audit that fails.
#   PRESET=desktop audits with Lighthouse's desktop configuration instead.
#   usage: bench/run-ui-lighthouse.sh [runs=5]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-${RUNS:-5}}
db_prefix=faultline_lighthouse
port=18099
source bench/common.sh
base="http://localhost:$port"
data="$out/lighthouse-data"
reports="$out/lighthouse"
rm -rf "$data" "$reports"
mkdir -p "$reports"

# Lighthouse in a bench-local node_modules (not the UI's dependencies); the npm registry is the only source
[ -x bench/ui/node_modules/.bin/lighthouse ] || (cd bench/ui && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund >/dev/null)
export CHROME_PATH=${CHROME_PATH:-/usr/bin/chromium}
[ -x "$CHROME_PATH" ] || { echo "no Chromium at $CHROME_PATH (apt-get install chromium)" >&2; exit 1; }

# the seed incidents load on the first start (FAULTLINE_SEED_ENABLED defaults to true)
launch_app lighthouse-app.log FAULTLINE_DATA_DIR="$data" FAULTLINE_SECURITY_PUBLIC_READ=true
caught_up() {
  curl -fs "$base/api/admin/projections" | python3 -c "import json,sys; ps=json.load(sys.stdin); sys.exit(0 if ps and all(p.get('lag')==0 and not (p.get('rebuild') or {}).get('running') for p in ps) else 1)"
}
incidents() { command curl -fs "$base/api/search?size=1" | python3 -c "import json,sys; print(json.load(sys.stdin)['total'])"; }
until caught_up && [ "$(incidents 2>/dev/null || echo 0)" -ge 60 ]; do sleep 2; done
echo "projections caught up; $(incidents) incidents searchable anonymously"

pages=("search=/?q=latent+bug+configuration" "incident=/incidents/cloudflare-2025-11-18")
# the data the pages show, fetched without a token as the browser will (fails fast if public reads are off)
command curl -fsS -o /dev/null "$base/api/search?q=latent+bug+configuration"
command curl -fsS -o /dev/null "$base/api/incidents/cloudflare-2025-11-18"

# the simulated throttling scales the main-thread work it observes: a busy machine lowers the performance
# score (total blocking time), so the load average is recorded with the result
export LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
preset=()
[ -n "${PRESET:-}" ] && preset=(--preset="$PRESET")
for page in "${pages[@]}"; do
  name=${page%%=*}; path=${page#*=}
  # one unmeasured load first, so the JIT has compiled the request paths as it has in a running app
  bench/ui/node_modules/.bin/lighthouse "$base$path" --quiet --only-categories=performance \
    --chrome-flags="--headless=new --no-sandbox" --output=json --output-path=/dev/null "${preset[@]}" || true
  for run in $(seq 1 "$runs"); do
    bench/ui/node_modules/.bin/lighthouse "$base$path" --quiet \
      --only-categories=performance,accessibility,best-practices \
      --chrome-flags="--headless=new --no-sandbox" "${preset[@]}" \
      --output=json --output-path="$reports/$name-$run.json"
    echo "$name run $run: $(python3 -c "import json,sys; r=json.load(open(sys.argv[1])); print(' '.join(f\"{k}={round(c['score']*100)}\" for k,c in r['categories'].items()))" "$reports/$name-$run.json")"
  done
done

node bench/ui/lighthouse-summary.mjs "$reports" "$runs" "${PRESET:-mobile}" "${pages[@]}" > "$out/ui-lighthouse.json"
python3 - "$out/ui-lighthouse.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
targets = r["targets"]
for name, page in r["pages"].items():
    print(f"{name} ({page['url']}, median of {len(page['runs'])} runs; {r['formFactor']}; load average {r['loadAverage']}):")
    for cat, score in page["scores"].items():
        mark = "ok" if score >= targets[cat] else f"MISSES the target {targets[cat]}"
        print(f"  {cat:15} {score:3d}  ({', '.join(str(x[cat]) for x in page['runs'])})  {mark}")
    for a in page["failedAudits"]:
        print(f"  failed in {a['failedInRuns']} runs [{a['category']}] {a['id']}: {a['title']} — score {a['score']}{(' (' + a['displayValue'] + ')') if a.get('displayValue') else ''}")
        for item in a.get("items", [])[:5]:
            print(f"      {item}")
PY
echo "saved $out/ui-lighthouse.json (full reports in $reports/)"
