# Shared set-up of the benchmark scripts (sourced): a new database on the machine's PostgreSQL,
# dropped on exit with the app stopped, and the app and benchmark jars built.
# Needs $db_prefix and $port; sets pg, db, out, pid, bench_cp.
pg=${FAULTLINE_BENCH_PG:-jdbc:postgresql://127.0.0.1:5432/}
db=${db_prefix}_$(date +%s)
out=target/bench
mkdir -p "$out"
pid=""
psql -q -h 127.0.0.1 -U postgres -d postgres -c "CREATE DATABASE $db"
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
  sleep 2
  psql -q -h 127.0.0.1 -U postgres -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" || true
}
trap cleanup EXIT
[ -f target/quarkus-app/quarkus-run.jar ] || mvn -B -q package -DskipTests
(cd bench && mvn -B -q package)
bench_cp="bench/target/faultline-bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*"
