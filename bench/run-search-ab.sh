#!/usr/bin/env bash
# Interleaved A/B of JVM options (e.g. a code path switched by a system property) on an index that a
# patterns or search run kept: each round starts the app once per variant on the same database and
# data directory, warms it with the search mix, then times the mix (SearchBenchmark probe).
#   usage: BENCH_DB=<kept db> DATA=<its data dir> A_OPTS="..." B_OPTS="..." [C_OPTS="..."] bench/run-search-ab.sh [rounds=3] [passes=20] [warm-up passes=40]
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-3}; passes=${2:-20}; warm=${3:-40}
port=18097
: "${BENCH_DB:?the kept database}" "${DATA:?its data directory}"
db_prefix=unused
source bench/common.sh
base="http://localhost:$port"
one() { # label opts
  app_java_opts=$2
  launch_app "search-ab-$1.log" FAULTLINE_DATA_DIR="$DATA" FAULTLINE_SEED_ENABLED=false
  until curl -fs "$base/api/admin/projections" | python3 -c "import json,sys; sys.exit(0 if all(p.get('lag')==0 and not (p.get('rebuild') or {}).get('running') for p in json.load(sys.stdin)) else 1)"; do sleep 2; done
  echo "$1 $(java -cp "$bench_cp" dev.faultline.bench.SearchBenchmark probe "$base" "$passes" "$warm" | tail -1)"
  kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""
}
# the variants rotate, so each takes each place in the order once every few rounds
variants=(A B); [ -n "${C_OPTS:-}" ] && variants+=(C)
for r in $(seq 1 "$rounds"); do
  n=${#variants[@]}
  for k in $(seq 0 $((n - 1))); do
    v=${variants[$(( (r + k) % n ))]}
    opts_var="${v}_OPTS"; one "$v" "${!opts_var:-}"
  done
done
