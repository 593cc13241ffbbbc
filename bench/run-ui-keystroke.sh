#!/usr/bin/env bash
# Search keystroke-to-results in the browser: N synthetic incidents (the search benchmark's corpus)
# imported over HTTP into a fresh database; once every projection has caught up (lag 0), the search
# page in headless Chromium (bench/ui/keystroke.mjs, Playwright from ui/node_modules, Debian's
# /usr/bin/chromium), signed in with a reader token, gets the search benchmark's query texts typed
# key by key (80-120 ms apart); for the last key of each, the page measures keydown -> the result list
# for the whole query in the DOM and painted. The UI's 30 ms debounce is part of the figure; the
# figures without it (search request start -> painted) are reported beside it.
# The search projection embeds the sentences of why after the import; like bench/run-related.sh it
# loads target/bench/sentence-vectors-N.copy into the vector cache first when present (and saves it
# when absent), so only the first run for an N waits for the model.
#   ROUNDS=r types the query list r times (later rounds: the count cache is warm for those queries).
#   usage: bench/run-ui-keystroke.sh [incidents=100000]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-100000}
rounds=${ROUNDS:-1}
db_prefix=faultline_keystroke
port=18100
source bench/common.sh
base="http://localhost:$port"
corpus=$(corpus_file "$n")
data="$out/keystroke-data"
rm -rf "$data"

# playwright-core comes with the UI's own dev dependencies (the Maven build's npm ci installs them)
[ -d ui/node_modules/playwright-core ] || (cd ui && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund >/dev/null)
export CHROME_PATH=${CHROME_PATH:-/usr/bin/chromium}
[ -x "$CHROME_PATH" ] || { echo "no Chromium at $CHROME_PATH (apt-get install chromium)" >&2; exit 1; }

launch_app keystroke-app.log FAULTLINE_DATA_DIR="$data" FAULTLINE_SEED_ENABLED=false
sql() { psql -tA -h 127.0.0.1 -U postgres -d "$db" -c "$1"; }
preload_vectors "$n"
# every projection's lag, e.g. "search=0 patterns=12" (a projection without a position yet: "?")
lags() { curl -fs "$base/api/admin/projections" | python3 -c "import json,sys; print(' '.join(f\"{p['name']}={p.get('lag','?')}{'(rebuilding)' if (p.get('rebuild') or {}).get('running') else ''}\" for p in json.load(sys.stdin)))"; }

t0=$(date +%s%N)
curl -fsS -X POST "$base/api/import" -H 'Content-Type: application/x-ndjson' --data-binary @"$corpus" -o "$out/keystroke-import.json"
t1=$(date +%s%N)
echo "imported $n incidents in $(( (t1 - t0) / 1000000000 ))s; waiting for the projections (vector cache $cache)"
polls=0
until state=$(lags) && [[ -n $state && ! $state =~ =[^0] && ! $state =~ rebuilding ]]; do
  (( polls++ % 12 == 0 )) && echo "  $(date +%T) lag: ${state:-?}"
  sleep 5
done
t2=$(date +%s%N)
caught_s=$(( (t2 - t0) / 1000000000 ))
echo "every projection caught up ${caught_s}s after the import started: $state"
[ -f "$vectors_file" ] || psql -q -h 127.0.0.1 -U postgres -d "$db" -c "\\copy sentence_vector TO '$vectors_file'"

# the browser signs in as a reader, as a person using the UI would
reader=$(curl -fsS -X POST "$base/api/admin/tokens" -H 'Content-Type: application/json' \
  -d "{\"name\":\"keystroke-bench-$(date +%s)\",\"role\":\"reader\"}" | python3 -c "import json,sys; print(json.load(sys.stdin)['token'])")

measured=$(node bench/ui/keystroke.mjs "$base" "$reader" "$rounds")
printf '%s' "$measured" | python3 -c "
import json, sys
r = json.load(sys.stdin)
r = {'incidents': $n, 'importSeconds': round(($t1 - $t0) / 1e9, 1), 'caughtUpSeconds': $caught_s, 'vectorCache': '$cache', **r}
json.dump(r, open('$out/ui-keystroke.json', 'w'), indent=1)
k, x, b = r['keystrokeToPaintedMs'], r['excludingDebounceMs'], r['breakdownMs']
print(f\"N={r['incidents']}: {r['measured']} queries measured ({r['rounds']} round(s)), {len(r['failed'])} failed\")
print(f\"keystroke -> results painted, with the {r['debounceMs']} ms debounce: p50 {k['p50']} ms, p95 {k['p95']} ms, max {k['max']} ms\")
print(f\"excluding the debounce (search request start -> painted): p50 {x['p50']} ms, p95 {x['p95']} ms, max {x['max']} ms\")
print(f\"  debounce (keydown -> request start) p50 {b['debounce']['p50']}; request p50 {b['request']['p50']} p95 {b['request']['p95']}; render (response -> painted) p50 {b['render']['p50']} p95 {b['render']['p95']}\")
print(f\"target p95 <= {r['targetP95Ms']} ms: {'met' if r['meetsTarget'] else 'MISSED'}\" + ('' if r['meetsTarget'] or x['p95'] is None or x['p95'] > r['targetP95Ms'] else ' (met without the debounce; the debounce alone is ' + str(b['debounce']['p50']) + ' ms of it)'))
"
echo "saved $out/ui-keystroke.json"
