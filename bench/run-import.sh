#!/usr/bin/env bash
# Bulk import benchmark (issue 3): N synthetic incidents as one NDJSON stream over HTTP into a
# fresh database on the machine's PostgreSQL, then the baseline: the same event rows inserted
# with plain JDBC batches. Also samples the app's resident memory during the import.
#   usage: bench/run-import.sh [incidents=10000]
#   BASELINE=false skips the JDBC baseline (e.g. for a memory-only run); JAVA_OPTS sets the app's JVM flags.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-10000}
db_prefix=faultline_bulk
port=18095
source bench/common.sh
cp="$bench_cp"
corpus=$(corpus_file "$n")
echo "corpus: $corpus ($(du -h "$corpus" | cut -f1))"

launch_app import-app.log FAULTLINE_SEED_ENABLED=false

max_rss=0
( while kill -0 $pid 2>/dev/null; do awk '/VmRSS/ {print $2}' /proc/$pid/status; sleep 1; done ) > "$out/import-rss.txt" &
sampler=$!
t0=$(date +%s%N)
curl -fsS -X POST "http://localhost:$port/api/import" -H 'Content-Type: application/x-ndjson' \
  --data-binary @"$corpus" -o "$out/import-report.json"
t1=$(date +%s%N)
kill $sampler 2>/dev/null || true
seconds=$(python3 -c "print(($t1 - $t0) / 1e9)")
events=$(psql -tA -h 127.0.0.1 -U postgres -d "$db" -c "SELECT count(*) FROM domainevententry")
max_rss=$(sort -n "$out/import-rss.txt" | tail -1)
summary=$(python3 -c "import json; print(json.dumps(json.load(open('$out/import-report.json'))['summary']))")
echo "import: $summary, $events events in ${seconds}s = $(python3 -c "print(round($events / $seconds))") events/s, max RSS $((max_rss / 1024)) MB"
kill -TERM $pid; wait $pid 2>/dev/null || true; pid=""
baseline=null
if [ "${BASELINE:-true}" = true ]; then
  baseline=$(java -cp "$cp" dev.faultline.bench.BatchInsertBaseline "$pg$db" | sed -n 's/^BASELINE_JSON //p')
fi
echo "baseline: $baseline"
printf '{"date":"%s","javaOpts":"%s","incidents":%d,"events":%d,"seconds":%s,"eventsPerSecond":%s,"maxRssMb":%d,"summary":%s,"baseline":%s}\n' \
  "$(date -u +%FT%TZ)" "$app_java_opts" "$n" "$events" "$seconds" "$(python3 -c "print(round($events / $seconds))")" $((max_rss / 1024)) \
  "$summary" "$baseline" > "$out/import.json"
cat "$out/import.json"
