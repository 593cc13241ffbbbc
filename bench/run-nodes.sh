#!/usr/bin/env bash
# Issue 21: search and write throughput with one node and with two nodes on one PostgreSQL (the
# machine's, a new database), the packaged app, 16 wrk connections in all (with two nodes, 8 on
# each). Order: one node, two nodes, one node again (the second node stopped), so the noise of the
# machine shows between the two one-node runs. The seed incidents are the search corpus; writes append
# timeline entries to 50 incidents. Results to target/bench/nodes.json; docs/benchmarks.md.
#   usage: bench/run-nodes.sh [seconds-per-run=20] [warmup-seconds=30]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-20}; warmup=${2:-30}
db_prefix=faultline_nodes
port=18091
port_b=18092
source bench/common.sh
need_wrk
rm -rf "$out/node-a" "$out/node-b"

pid_b=""
trap 'kill "$pid_b" 2>/dev/null || true; cleanup' EXIT
launch_app nodes-a.log FAULTLINE_DATA_DIR="$out/node-a"
start_b() {
  FAULTLINE_DATA_DIR="$out/node-b" QUARKUS_DATASOURCE_JDBC_URL="$pg$db" QUARKUS_HTTP_PORT=$port_b \
    java $app_java_opts -jar target/faultline.jar >>"$out/nodes-b.log" 2>&1 &
  pid_b=$!
  wait_ready $port_b
}
# until both nodes' search and patterns projections have applied every event
caught_up() {
  for p in "$@"; do
    until curl -s "http://localhost:$p/api/admin/projections" | python3 -c '
import json, sys
sys.exit(0 if all(p["state"] == "LIVE" and p.get("lag") == 0 for p in json.load(sys.stdin)) else 1)'; do sleep 0.5; done
  done
}
java -cp "$bench_cp" dev.faultline.bench.CoreBenchmark setup "http://localhost:$port" "$pg$db" "$out" >/dev/null
export INCIDENTS="$out/incidents.txt"
caught_up $port

# $1 script, then ports: 16 connections split over the ports, run at once; prints {perSecond, p99ms}.
# BY_INCIDENT=1: each port gets its own share of the incidents (what nginx's hash on the incident id
# does in docker/nginx/cluster.conf), else every port writes to every incident.
load() {
  local script=$1; shift
  local per=$(( 16 / $# )) files=() p f i=0 n=$#
  for p in "$@"; do
    f=$(mktemp); files+=("$f")
    local share="$INCIDENTS"
    if [ "${BY_INCIDENT:-0}" = 1 ]; then
      share="$out/incidents-$p.txt"; awk -v n=$n -v i=$i 'NR % n == i' "$INCIDENTS" >"$share"
    fi
    INCIDENTS="$share" wrk -t1 -c"$per" -d"${seconds}s" -s "$script" "http://localhost:$p" | sed -n 's/^WRK_JSON //p' >"$f" &
    i=$((i + 1))
  done
  wait
  python3 - "${files[@]}" <<'PY'
import json, sys
runs = [json.load(open(f)) for f in sys.argv[1:]]
print(json.dumps({"perSecond": round(sum(r["perSecond"] for r in runs), 1),
                  "p99ms": max(r["p99ms"] for r in runs), "failed": sum(r["failed"] for r in runs)}))
PY
  rm -f "${files[@]}"
}

echo "warm-up ${warmup}s on node A"
wrk -t1 -c8 -d"${warmup}s" -s bench/search-query.lua "http://localhost:$port" >/dev/null
wrk -t1 -c8 -d"${warmup}s" -s bench/append-timeline.lua "http://localhost:$port" >/dev/null

results=()
run_phase() {
  local name=$1; shift
  caught_up "$@"
  local s w
  s=$(load bench/search-query.lua "$@"); echo "$name search: $s"
  w=$(load bench/append-timeline.lua "$@"); echo "$name writes, any incident on any node: $w"
  b=$(BY_INCIDENT=1 load bench/append-timeline.lua "$@"); echo "$name writes, each incident on one node: $b"
  results+=("{\"phase\":\"$name\",\"search\":$s,\"writes\":$w,\"writesByIncident\":$b}")
}
run_phase one-node $port
start_b
echo "warm-up ${warmup}s on node B"
caught_up $port_b
wrk -t1 -c8 -d"${warmup}s" -s bench/search-query.lua "http://localhost:$port_b" >/dev/null
run_phase two-nodes $port $port_b
kill -TERM "$pid_b"; wait "$pid_b" 2>/dev/null || true; pid_b=""
run_phase one-node-again $port

( IFS=,; echo "{\"seconds\":$seconds,\"connections\":16,\"cores\":$(nproc),\"phases\":[${results[*]}]}" ) >"$out/nodes.json"
cat "$out/nodes.json"
