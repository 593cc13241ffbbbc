#!/usr/bin/env bash
# Interleaved restarts of two run commands on existing data (issue 19): seconds from launch to
# /q/health/ready, and the JVM's resident memory after 30 s idle. Each side starts once first on its
# own data directory (the seed import), then the sides alternate, so the VM's drift hits both alike.
#   usage: A_CMD="java -jar a.jar" B_CMD="java -jar b.jar" bench/run-restart-ab.sh [pairs=4]
#   A_DATA / B_DATA: the data directories (default: new ones under target/bench/restart-ab).
set -uo pipefail
cd "$(dirname "$0")/.."
pairs=${1:-4}
port=18555
A_DATA=${A_DATA:-target/bench/restart-ab/a}; B_DATA=${B_DATA:-target/bench/restart-ab/b}
mkdir -p "$A_DATA" "$B_DATA"
one() { # label data cmd...
  local label=$1 data=$2; shift 2
  local t0; t0=$(date +%s%N)
  env -u QUARKUS_DATASOURCE_JDBC_URL FAULTLINE_DATA_DIR="$data" QUARKUS_HTTP_PORT=$port "$@" >>"$data/app.log" 2>&1 &
  local pid=$!
  until curl -fs "http://localhost:$port/q/health/ready" >/dev/null 2>&1; do
    kill -0 $pid 2>/dev/null || { echo "$label died; see $data/app.log"; exit 1; }
    sleep 0.05
  done
  local t1; t1=$(date +%s%N)
  sleep 30
  local rss; rss=$(ps -o rss= -p "$pid" --ppid "$pid" | awk '{s+=$1} END {print s}')  # the launcher and its child, if any
  kill -TERM $pid; wait $pid 2>/dev/null
  echo "$label ready_s=$(python3 -c "print(round(($t1-$t0)/1e9,2))") rss_mb=$((rss/1024))"
}
# shellcheck disable=SC2086
{ one A-first "$A_DATA" $A_CMD; one B-first "$B_DATA" $B_CMD; } >/dev/null
for i in $(seq 1 "$pairs"); do
  # shellcheck disable=SC2086
  if (( i % 2 )); then one A "$A_DATA" $A_CMD; one B "$B_DATA" $B_CMD; else one B "$B_DATA" $B_CMD; one A "$A_DATA" $A_CMD; fi
done
