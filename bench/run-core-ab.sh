#!/usr/bin/env bash
# Quick A/B of one configuration under issue 2's write load, for tuning (not a reported figure):
# a new database, the packaged app (JAVA_OPTS and any QUARKUS_*/FAULTLINE_* variables of the
# caller apply), the 50 benchmark incidents, a warm-up, two saturating runs with the app's CPU
# milliseconds per request, one paced run (~1,000/s offered), the JDBC baseline, and the
# app's GC pauses. Run two configurations back to back: these VMs drift by 2x within hours.
#   usage: [APP=jar-of-another-build] bench/run-core-ab.sh label [warmup-seconds=30] [seconds=20]
set -euo pipefail
cd "$(dirname "$0")/.."
label=$1; warm=${2:-30}; secs=${3:-20}
db_prefix=faultline_ab; port=18091
source bench/common.sh
need_wrk
run=$out/ab-$label; mkdir -p "$run"
QUARKUS_DATASOURCE_JDBC_URL="$pg$db" QUARKUS_HTTP_PORT=$port \
  java ${JAVA_OPTS:-} -Xlog:gc:file="$run/gc.log" -jar "${APP:-target/faultline.jar}" >"$run/app.log" 2>&1 &
pid=$!
wait_ready $port
java -cp "$bench_cp" dev.faultline.bench.CoreBenchmark setup "http://localhost:$port" "$pg$db" "$run" >/dev/null
export INCIDENTS="$run/incidents.txt"
url="http://localhost:$port"
wrk -t2 -c16 -d"${warm}s" -s bench/append-timeline.lua "$url" >/dev/null
cpu() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
for i in 1 2; do
  c0=$(cpu)
  r=$(wrk -t2 -c16 -d"${secs}s" -s bench/append-timeline.lua "$url" | sed -n 's/^WRK_JSON //p')
  c1=$(cpu)
  echo "$label saturated $r cpuMsPerRequest=$(python3 -c "import json; print(round(($c1 - $c0) * 10 / json.loads('$r')['ok'], 3))")"
done
echo "$label paced $(PACE_MS=12 wrk -t2 -c16 -d"${secs}s" -s bench/append-timeline.lua "$url" | sed -n 's/^WRK_JSON //p')"
echo "$label jdbc $(java -cp "$bench_cp" dev.faultline.bench.CoreBenchmark jdbc "$pg$db" 10 16 | sed -n 's/^JDBC_JSON //p')"
grep Pause "$run/gc.log" | awk '{print $NF}' | sed 's/ms//' | sort -n |
  awk -v l="$label" '{a[NR]=$1} END {print l, "gc pauses", NR, "median", a[int(NR/2)], "p99", a[int(NR*0.99)], "max", a[NR], "ms"}'
