#!/usr/bin/env bash
# Issue 21: search latency on Lucene vs OpenSearch, side by side, on one corpus. N synthetic
# incidents imported into a fresh database through node A (Lucene, the default); node B starts on
# the same database with FAULTLINE_SEARCH_BACKEND=opensearch and builds its OpenSearch index from the
# event store. OpenSearch 2.19 runs in its own JVM (the test suite's in-JVM node, support/OpenSearchNode,
# -Xmx2g), on this machine like the app. Then the 50-query mix, one client, the engines taking turns
# round by round. Sentence vectors are off on both nodes (FAULTLINE_SEMANTIC_ENABLED=false): the
# figure is text search, and the 100k vectors would take the sentence model most of an hour, cold.
#   usage: bench/run-engines.sh [incidents=100000] [rounds=20]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-100000}
rounds=${2:-20}
db_prefix=faultline_engines
port=18097
port_b=18098
os_port=19200
source bench/common.sh
corpus=$(corpus_file "$n")
rm -rf "$out/engines-a" "$out/engines-b" "$out/engines-opensearch"

# OpenSearch from the test class path (the k-NN plugin's jars unpacked by the build)
[ -d target/opensearch-knn ] && [ -d target/test-classes ] || mvn -B -q test-compile -Dui.skip=true
mvn -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt
os_cp="target/test-classes:$(cat target/test-classpath.txt):$(ls target/opensearch-knn/*.jar | grep -v slf4j | tr '\n' ':')"
java -Xmx2g -cp "$os_cp" dev.faultline.support.OpenSearchNode $os_port "$out/engines-opensearch" >"$out/engines-opensearch.log" 2>&1 &
os_pid=$!
pid_b=""
trap 'kill "$pid_b" "$os_pid" 2>/dev/null || true; cleanup' EXIT
until curl -fs "http://127.0.0.1:$os_port/_cluster/health" >/dev/null 2>&1; do
  kill -0 $os_pid || { echo "OpenSearch did not start: $out/engines-opensearch.log"; exit 1; }
  sleep 1
done

search_state() { curl -fs "http://localhost:$1/api/admin/projections" | python3 -c "import json,sys; s=[p for p in json.load(sys.stdin) if p['name']=='search'][0]; print(s.get('lag') if s.get('lag') is not None else -1, s['state'], (s.get('rebuild') or {}).get('running'))"; }
caught_up() { until [ "$(search_state "$1" | cut -d' ' -f1,3)" = "0 False" ] || [ "$(search_state "$1" | cut -d' ' -f1,3)" = "0 None" ]; do sleep 2; done; }

launch_app engines-a.log FAULTLINE_DATA_DIR="$out/engines-a" FAULTLINE_SEED_ENABLED=false FAULTLINE_SEMANTIC_ENABLED=false
t0=$(date +%s)
curl -fsS -X POST "http://localhost:$port/api/import" -H 'Content-Type: application/x-ndjson' --data-binary @"$corpus" -o "$out/engines-import.json"
# the live projection yields the CPU to writes (ReindexScheduler); a bulk rebuild indexes the backlog faster
curl -fsS -X POST "http://localhost:$port/api/admin/projections/search/rebuild" -o /dev/null
sleep 2
caught_up $port
echo "imported and indexed on Lucene in $(( $(date +%s) - t0 )) s"

t0=$(date +%s)
FAULTLINE_DATA_DIR="$out/engines-b" FAULTLINE_SEED_ENABLED=false FAULTLINE_SEMANTIC_ENABLED=false \
  FAULTLINE_SEARCH_BACKEND=opensearch FAULTLINE_SEARCH_HOSTS=127.0.0.1:$os_port \
  QUARKUS_DATASOURCE_JDBC_URL="$pg$db" QUARKUS_HTTP_PORT=$port_b \
  java $app_java_opts -jar target/faultline.jar >"$out/engines-b.log" 2>&1 &
pid_b=$!
wait_ready $port_b
sleep 3
caught_up $port_b
build_s=$(( $(date +%s) - t0 ))
echo "OpenSearch index built from the store in $build_s s"

measured=$(java -cp "$bench_cp" dev.faultline.bench.SearchBenchmark engines "http://localhost:$port" "http://localhost:$port_b" "$rounds")
echo "$measured"
result=$(echo "$measured" | sed -n 's/^ENGINES_JSON //p')
printf '{"date":"%s","incidents":%d,"openSearchBuildSeconds":%d,"engines":%s}\n' "$(date -u +%FT%TZ)" "$n" "$build_s" "$result" > "$out/engines.json"
cat "$out/engines.json"
