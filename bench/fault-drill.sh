#!/usr/bin/env bash
# Fault drills against the packaged jar on its embedded default (loopback only, bounded in time):
#   postmaster-kill     8 writers, kill -9 of the embedded postmaster → acknowledged writes lost: 0
#   terminate-backends  writers, pg_terminate_backend of the app's connections → only 200/503, recovery, no gap
#   jvm-kill            kill -9 of the JVM (the postmaster is orphaned) → the next start succeeds, data intact
#   soak [seconds]      mixed writes/searches/imports/PDF exports at a fixed rate (default 600 s) → RSS slope, 0 unexpected
#   all                 the four in turn (soak 600 s unless SOAK_SECONDS is set)
# Results: target/bench/fault-drill-<drill>.json and a summary on stdout. Builds the jar if missing.
set -euo pipefail
cd "$(dirname "$0")/.."
drill=${1:-all}
soak_seconds=${2:-${SOAK_SECONDS:-600}}
out=target/bench; mkdir -p "$out"
port=${DRILL_PORT:-18480}
base="http://127.0.0.1:$port"
data=$(mktemp -d /tmp/faultline-drill.XXXXXX)
log="$out/fault-drill-app.log"; : >"$log"
pid=""
[ -f target/faultline.jar ] || mvn -B -q package -DskipTests

# every API call needs a token (issue 20): the app starts with this admin token, curl and fault_load.py send it
export FAULTLINE_ADMIN_TOKEN=${FAULTLINE_ADMIN_TOKEN:-drill-admin-token-0123456789}
curl() { command curl -H "Authorization: Bearer $FAULTLINE_ADMIN_TOKEN" "$@"; }
# a load generator is one credential: the per-credential rate limits would measure themselves
export FAULTLINE_RATE_LIMIT_WRITES_PER_MINUTE=0 FAULTLINE_RATE_LIMIT_EXPORTS_PER_MINUTE=0

postmaster_pid() { head -1 "$data/pg/postmaster.pid" 2>/dev/null || true; }
pg_port() { sed -n 4p "$data/pg/postmaster.pid" 2>/dev/null || true; }

start_app() {
  env -u QUARKUS_DATASOURCE_JDBC_URL FAULTLINE_DATA_DIR="$data" QUARKUS_HTTP_PORT=$port FAULTLINE_SEED_ENABLED=${seed:-false} \
    java -jar target/faultline.jar >>"$log" 2>&1 &
  pid=$!
  local t0=$SECONDS
  until curl -fs "$base/q/health/ready" >/dev/null 2>&1; do
    if ! kill -0 "$pid" 2>/dev/null; then echo "app died on start; see $log"; tail -20 "$log"; return 1; fi
    if (( SECONDS - t0 > 90 )); then echo "app not ready in 90 s"; tail -20 "$log"; return 1; fi
    sleep 0.2
  done
  echo "  app ready in $(( SECONDS - t0 )) s (pid $pid)"
}

stop_app() {
  [ -n "$pid" ] && kill -TERM "$pid" 2>/dev/null && { for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done; }
  pid=""
}

cleanup() {
  [ -n "$pid" ] && kill -9 "$pid" 2>/dev/null || true
  local pm; pm=$(postmaster_pid)
  [ -n "$pm" ] && kill -INT "$pm" 2>/dev/null || true
  sleep 1; rm -rf "$data"
}
trap cleanup EXIT

declare_incident() {
  curl -fs -X POST "$base/api/incidents" -H 'Content-Type: application/json' -d "{\"incidentId\":\"$1\",\"title\":\"Drill\",
    \"organization\":\"Drill\",\"severity\":\"SEV3\",\"startedAt\":\"2025-11-18T11:20:00Z\"}" >/dev/null
}

drill_postmaster_kill() {
  echo "== postmaster-kill: 8 writers, kill -9 of the embedded postmaster after 3 s"
  start_app
  declare_incident drill-pm
  python3 bench/fault_load.py writers "$base" drill-pm 8 10 "$out/fault-drill-acked.json" &
  local writers=$!
  sleep 3; local victim; victim=$(postmaster_pid); kill -9 "$victim"; echo "  killed postmaster $victim"
  wait $writers
  stop_app; start_app
  local check; check=$(python3 bench/fault_load.py check "$base" drill-pm "$out/fault-drill-acked.json")
  python3 - "$out/fault-drill-acked.json" "$check" "$out/fault-drill-postmaster-kill.json" <<'PY'
import json, sys
w = json.load(open(sys.argv[1])); c = json.loads(sys.argv[2])
r = {"drill": "postmaster-kill", **c, "statuses": w["statuses"], "failure_window_s": w["failure_window_s"],
     "503_without_retry_after": w["503_without_retry_after"]}
json.dump(r, open(sys.argv[3], "w")); print("  " + json.dumps(r))
PY
  stop_app
}

drill_terminate_backends() {
  echo "== terminate-backends: 8 writers, the app's connections cut 4 times, 1 s apart"
  start_app
  declare_incident drill-tb
  python3 bench/fault_load.py writers "$base" drill-tb 8 10 "$out/fault-drill-acked.json" &
  local writers=$!
  sleep 2
  for _ in 1 2 3 4; do
    psql -q -h 127.0.0.1 -p "$(pg_port)" -U postgres -d postgres -tAc \
      "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND backend_type = 'client backend'" >/dev/null
    sleep 1
  done
  wait $writers
  local check; check=$(python3 bench/fault_load.py check "$base" drill-tb "$out/fault-drill-acked.json")
  python3 - "$out/fault-drill-acked.json" "$check" "$out/fault-drill-terminate-backends.json" <<'PY'
import json, sys
w = json.load(open(sys.argv[1])); c = json.loads(sys.argv[2])
r = {"drill": "terminate-backends", **c, "statuses": w["statuses"], "failure_window_s": w["failure_window_s"],
     "503_without_retry_after": w["503_without_retry_after"],
     "unexpected": sum(n for s, n in w["statuses"].items() if s not in ("200", "503"))}
json.dump(r, open(sys.argv[3], "w")); print("  " + json.dumps(r))
PY
  stop_app
}

drill_jvm_kill() {
  echo "== jvm-kill: kill -9 of the JVM under writes; the orphaned postmaster must not block the next start"
  start_app
  declare_incident drill-jvm
  python3 bench/fault_load.py writers "$base" drill-jvm 4 4 "$out/fault-drill-acked.json" &
  local writers=$!
  # the application's JVM: the jar's child when it started one (JvmDefaults), else the JVM itself
  local app; app=$(pgrep -P "$pid" java || echo "$pid")
  sleep 2; kill -9 "$app"; kill -9 "$pid" 2>/dev/null || true; pid=""
  wait $writers || true
  local orphan; orphan=$(postmaster_pid)
  local alive=no; kill -0 "$orphan" 2>/dev/null && alive=yes
  local t0=$SECONDS
  start_app
  local check; check=$(python3 bench/fault_load.py check "$base" drill-jvm "$out/fault-drill-acked.json")
  python3 - "$check" "$alive" "$(( SECONDS - t0 ))" "$out/fault-drill-jvm-kill.json" <<'PY'
import json, sys
c = json.loads(sys.argv[1])
r = {"drill": "jvm-kill", "orphaned_postmaster_alive": sys.argv[2] == "yes", "restart_s": int(sys.argv[3]), **c}
json.dump(r, open(sys.argv[4], "w")); print("  " + json.dumps(r))
PY
  stop_app
}

drill_soak() {
  echo "== soak: $soak_seconds s of writes (20/s), searches (5/s), imports (1/s), PDF exports (1/s)"
  seed=true
  start_app
  python3 bench/fault_load.py soak "$base" "$soak_seconds" "$pid" "$out/fault-drill-soak.json" | sed 's/^/  /'
  stop_app
}

case "$drill" in
  postmaster-kill) drill_postmaster_kill ;;
  terminate-backends) drill_terminate_backends ;;
  jvm-kill) drill_jvm_kill ;;
  soak) drill_soak ;;
  all) drill_postmaster_kill; drill_terminate_backends; drill_jvm_kill; drill_soak ;;
  *) echo "usage: $0 postmaster-kill|terminate-backends|jvm-kill|soak [seconds]|all"; exit 2 ;;
esac
