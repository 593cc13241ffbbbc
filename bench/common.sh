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

# The README's JVM flags: the class-data archive the build trained (docs/decisions.md), the heap
# bound and early tenuring. JAVA_OPTS replaces them.
app_java_opts=${JAVA_OPTS:--XX:SharedArchiveFile=target/quarkus-app/faultline.jsa -Xmx512m -XX:MaxTenuringThreshold=1}

# Starts the packaged app on $pg$db and $port with extra environment (NAME=value ...), logging to
# $out/$1, and waits until it is ready; sets pid.
launch_app() {
  local log=$1; shift
  env "$@" QUARKUS_DATASOURCE_JDBC_URL="$pg$db" QUARKUS_HTTP_PORT=$port \
    java $app_java_opts -jar target/quarkus-app/quarkus-run.jar >"$out/$log" 2>&1 &
  pid=$!
  until curl -fs "http://localhost:$port/q/health/ready" >/dev/null; do sleep 0.1; done
}

# The deterministic synthetic corpus of $1 incidents (generated once, then reused); prints its path.
corpus_file() {
  local file="$out/corpus-$1.ndjson"
  [ -f "$file" ] || java -cp "$bench_cp" dev.faultline.bench.CorpusGenerator "$1" "$file"
  echo "$file"
}

# wrk, the HTTP load generator of the write benchmarks (a Debian package)
need_wrk() {
  command -v wrk >/dev/null || apt-get install -y wrk >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y wrk >/dev/null; }
}
