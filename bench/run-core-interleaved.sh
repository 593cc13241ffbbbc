#!/usr/bin/env bash
# Interleaved A/B of two builds under issue 2's write load, for tuning decisions (not a reported
# figure). Both apps run at once, each on its own new database; after a warm-up of each, the load
# alternates between them in short rounds, so the VM's drift (2x within hours here) hits both
# alike. Per round: throughput, p99 and the app's CPU ms per append at saturation.
#   usage: bench/run-core-interleaved.sh jar-A jar-B [rounds=6] [seconds=10] [warmup=40]
#   JAVA_OPTS_A / JAVA_OPTS_B and ENV_A / ENV_B ("NAME=value ...") configure each side.
set -euo pipefail
cd "$(dirname "$0")/.."
jar_a=$1; jar_b=$2; rounds=${3:-6}; secs=${4:-10}; warm=${5:-40}
db_prefix=faultline_ia; port=18093
source bench/common.sh
need_wrk
db_b=${db}_b
psql -q -h 127.0.0.1 -U postgres -d postgres -c "CREATE DATABASE $db_b"
pids=()
stop_all() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  sleep 2
  psql -q -h 127.0.0.1 -U postgres -d postgres -c "DROP DATABASE IF EXISTS $db_b WITH (FORCE)" || true
  cleanup
}
trap stop_all EXIT
start() { # side jar database port java-opts env
  mkdir -p "$out/ia-$1"
  env ${6:-} QUARKUS_DATASOURCE_JDBC_URL="$pg$3" QUARKUS_HTTP_PORT=$4 FAULTLINE_DATA_DIR="$out/ia-$1/data" \
    java $5 -jar "$2" >"$out/ia-$1/app.log" 2>&1 &
  pids+=($!)
  wait_ready $4
  java -cp "$bench_cp" dev.faultline.bench.CoreBenchmark setup "http://localhost:$4" "$pg$3" "$out/ia-$1" >/dev/null
}
start A "$jar_a" "$db" 18093 "${JAVA_OPTS_A:-}" "${ENV_A:-}"; pid_a=${pids[0]}
start B "$jar_b" "$db_b" 18094 "${JAVA_OPTS_B:-}" "${ENV_B:-}"; pid_b=${pids[1]}
cpu() { awk '{print $14 + $15}' "/proc/$1/stat"; }
load() { # side port pid seconds
  local c0 c1 r
  c0=$(cpu "$3")
  r=$(INCIDENTS="$out/ia-$1/incidents.txt" wrk -t2 -c16 -d"$4s" -s bench/append-timeline.lua "http://localhost:$2" | sed -n 's/^WRK_JSON //p')
  c1=$(cpu "$3")
  python3 -c "import json; r=json.loads('$r'); print('$1', r['perSecond'], r['p50ms'], r['p99ms'], round(($c1 - $c0) * 10 / r['ok'], 3))"
}
load A 18093 "$pid_a" "$warm" >/dev/null; load B 18094 "$pid_b" "$warm" >/dev/null
echo "side perSecond p50ms p99ms cpuMsPerAppend"
for i in $(seq 1 "$rounds"); do
  if [ $((i % 2)) -eq 1 ]; then load A 18093 "$pid_a" "$secs"; load B 18094 "$pid_b" "$secs"
  else load B 18094 "$pid_b" "$secs"; load A 18093 "$pid_a" "$secs"; fi
done | tee "$out/ia.txt"
python3 - "$out/ia.txt" <<'PY'
import sys, statistics
rows = [l.split() for l in open(sys.argv[1])]
for side in "AB":
    r = [list(map(float, x[1:])) for x in rows if x[0] == side]
    print(side, "median perSecond %.0f  p99 %.1f ms  cpu/append %.3f ms" % tuple(statistics.median(c[i] for c in r) for i in (0, 2, 3)))
PY
