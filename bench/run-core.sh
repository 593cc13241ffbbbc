#!/usr/bin/env bash
# Issue 2 benchmarks, against the packaged app on the machine's PostgreSQL (a new database):
#  1. start to ready (4 starts) and resident memory after start;
#  2. 16 clients appending timeline entries over HTTP to 50 incidents (wrk), and in the same run
#     the baseline: the same event rows inserted by plain JDBC in single-row transactions;
#  3. the same appends paced to ~1,000/s (latency at the target rate, not at saturation);
#  4. GET /api/incidents/{id} of an incident with 1,000 events (one client, sequential).
# Results go to target/bench/core.json; docs/benchmarks.md records them.
#   usage: bench/run-core.sh [seconds-per-run=20] [clients=16] [runs=5] [warmup-seconds=60]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-20}; clients=${2:-16}; runs=${3:-5}; warmup=${4:-60}
db_prefix=faultline_bench
port=18090
source bench/common.sh
need_wrk
bench_java() { java -cp "$bench_cp" dev.faultline.bench.CoreBenchmark "$@"; }

start_app() {
  local t0; t0=$(date +%s%N)
  QUARKUS_DATASOURCE_JDBC_URL="$pg$db" QUARKUS_HTTP_PORT=$port java $app_java_opts -jar target/faultline.jar >"$out/app.log" 2>&1 &
  pid=$!
  wait_ready $port
  ready_ms=$(( ($(date +%s%N) - t0) / 1000000 ))
  rss_mb=$(( $(awk '/VmRSS/ {print $2}' /proc/$pid/status) / 1024 ))
}
stop_app() { kill -TERM "$pid"; wait "$pid" 2>/dev/null || true; pid=""; }

starts=()
for i in 1 2 3 4; do
  start_app
  echo "start $i: ready in ${ready_ms} ms, RSS ${rss_mb} MB"
  starts+=("{\"readyMs\":$ready_ms,\"rssMb\":$rss_mb}")
  [ $i -lt 4 ] && stop_app
done

bench_java setup "http://localhost:$port" "$pg$db" "$out"
export INCIDENTS="$out/incidents.txt"
url="http://localhost:$port"
echo "warm-up: ${warmup}s of the same load (JIT), not reported"
wrk -t2 -c"$clients" -d"${warmup}s" -s bench/append-timeline.lua "$url" >/dev/null
bench_java jdbc "$pg$db" 5 "$clients" >/dev/null

writes=()
for run in $(seq 1 "$runs"); do
  api=$(wrk -t2 -c"$clients" -d"${seconds}s" -s bench/append-timeline.lua "$url" | sed -n 's/^WRK_JSON //p')
  raw=$(bench_java jdbc "$pg$db" "$seconds" "$clients" | sed -n 's/^JDBC_JSON //p')
  echo "run $run  api  $api"
  echo "       jdbc $raw"
  writes+=("{\"run\":$run,\"api\":$api,\"jdbc\":$raw}")
done

# the same load paced to about 1,000 requests/s (12 ms between a connection's requests): latency at
# the target throughput, not at saturation
paced=$(PACE_MS=12 wrk -t2 -c"$clients" -d"${seconds}s" -s bench/append-timeline.lua "$url" | sed -n 's/^WRK_JSON //p')
echo "paced api $paced"

big=$(cat "$out/big.txt")
wrk -t1 -c1 -d10s -s bench/get-incident.lua "$url/api/incidents/$big" >/dev/null
read1000=$(wrk -t1 -c1 -d"${seconds}s" -s bench/get-incident.lua "$url/api/incidents/$big" | sed -n 's/^WRK_JSON //p')
echo "GET incident with 1,000 events: $read1000"
rss_after=$(( $(awk '/VmRSS/ {print $2}' /proc/$pid/status) / 1024 ))
echo "RSS after the load: ${rss_after} MB"
stop_app

printf '{"date":"%s","machine":"%s, %s cores","clients":%d,"seconds":%d,"starts":[%s],"writes":[%s],"paced":%s,"read1000":%s,"rssAfterLoadMb":%d}\n' \
  "$(date -u +%FT%TZ)" "$(uname -m)" "$(nproc)" "$clients" "$seconds" "$(IFS=,; echo "${starts[*]}")" \
  "$(IFS=,; echo "${writes[*]}")" "$paced" "$read1000" "$rss_after" > "$out/core.json"
python3 bench/summarize-core.py "$out/core.json"
