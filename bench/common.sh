# Shared set-up of the benchmark scripts (sourced): a new database on the machine's PostgreSQL,
# dropped on exit with the app stopped, and the app and benchmark jars built.
# Needs $db_prefix and $port; sets pg, db, out, pid, bench_cp.
pg=${FAULTLINE_BENCH_PG:-jdbc:postgresql://127.0.0.1:5432/}
# BENCH_DB=name reuses a database a run kept with KEEP_DB=1 (neither created nor dropped)
db=${BENCH_DB:-${db_prefix}_$(date +%s)}
out=target/bench
mkdir -p "$out"
pid=""
[ -n "${BENCH_DB:-}" ] || psql -q -h 127.0.0.1 -U postgres -d postgres -c "CREATE DATABASE $db"
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
  sleep 2
  if [ -n "${BENCH_DB:-}" ] || [ "${KEEP_DB:-0}" = 1 ]; then
    echo "database $db kept (BENCH_DB=$db reuses it)"
  else
    psql -q -h 127.0.0.1 -U postgres -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" || true
  fi
}
trap cleanup EXIT
[ -f target/faultline.jar ] || mvn -B -q package -DskipTests
(cd bench && mvn -B -q package)
bench_cp="bench/target/faultline-bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*"

# The app needs a token for every API call (issue 20): it is started with this admin token, and
# curl, the wrk scripts and the Java clients send it.
export FAULTLINE_ADMIN_TOKEN=${FAULTLINE_ADMIN_TOKEN:-bench-admin-token-0123456789}
curl() { command curl -H "Authorization: Bearer $FAULTLINE_ADMIN_TOKEN" "$@"; }
# a load generator is one credential: the per-credential rate limits would measure themselves
export FAULTLINE_RATE_LIMIT_WRITES_PER_MINUTE=0 FAULTLINE_RATE_LIMIT_EXPORTS_PER_MINUTE=0

# The README's run command has no JVM flags; JAVA_OPTS adds some (for an A/B).
app_java_opts=${JAVA_OPTS:-}

# Starts the packaged app on $pg$db and $port with extra environment (NAME=value ...), logging to
# $out/$1, and waits until it is ready; sets pid.
launch_app() {
  local log=$1; shift
  env "$@" QUARKUS_DATASOURCE_JDBC_URL="$pg$db" QUARKUS_HTTP_PORT=$port \
    java $app_java_opts -jar target/faultline.jar >"$out/$log" 2>&1 &
  pid=$!
  wait_ready $port
}

# Waits until the app on port $1 answers /q/health/ready with 200, polling every 20 ms with shell
# built-ins only. Start-up is timed with it: a loop spawning curl every 20 ms used ~40 % of a core
# of this 2-core machine, taken from the JVM being timed; this one uses ~2 %.
wait_ready() {
  local fifo pause
  fifo=$(mktemp -u); mkfifo "$fifo"; exec {pause}<>"$fifo"; rm "$fifo"  # a read that only times out
  until ready_once "$1"; do read -r -t 0.02 -u $pause || true; done
  exec {pause}>&-
}
ready_once() {
  local http line=""
  { exec {http}<>"/dev/tcp/localhost/$1"; } 2>/dev/null || return 1
  printf 'GET /q/health/ready HTTP/1.0\r\nHost: localhost\r\n\r\n' >&$http && read -r -t 5 line <&$http
  exec {http}>&-
  [[ $line == *" 200 "* ]]
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

# Loads target/bench/sentence-vectors-$1.copy into the app's vector cache when present (COLD=1 skips it)
# and sets $vectors_file and $cache ("warm (N sentences loaded)" or "cold"); call after launch_app.
preload_vectors() {
  vectors_file="$out/sentence-vectors-$1.copy"
  if [ -f "$vectors_file" ] && [ "${COLD:-0}" != 1 ]; then
    psql -q -h 127.0.0.1 -U postgres -d "$db" -c "\\copy sentence_vector FROM '$vectors_file'"
    cache="warm ($(psql -tA -h 127.0.0.1 -U postgres -d "$db" -c "SELECT count(*) FROM sentence_vector") sentences loaded)"
  else
    cache="cold"
  fi
}
