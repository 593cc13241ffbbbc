#!/usr/bin/env bash
# Related-incidents benchmark (issue 18): the model's embedding throughput alone; N synthetic incidents
# imported over HTTP into a fresh database with an empty vector cache (indexing cold: every distinct
# sentence of why is embedded once); a zero-downtime rebuild of the index (warm: every vector read
# from the cache); then GET /related for S incidents, interleaved with the PostgreSQL peer
# (RelatedBenchmark) loaded with the same corpus in the same database. Resident memory is sampled.
# The vector cache is kept across runs (the issue allows filling it once): the first run saves table
# sentence_vector to target/bench/sentence-vectors-N.copy and later runs load it before the import
# (their indexing is then "warm" too); COLD=1 ignores the saved copy.
#   BENCH_DB=<kept db> DATA=<its data dir> measures again on kept data (no import, no rebuild).
#   usage: bench/run-related.sh [incidents=100000] [sources=200] [rounds=5] [peer-sources=30]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-100000}
sources=${2:-200}
rounds=${3:-5}
peer_sources=${4:-30}
db_prefix=faultline_related
port=18097
source bench/common.sh
cp="$bench_cp"
base="http://localhost:$port"
corpus=$(corpus_file "$n")
data=${DATA:-$out/related-data}
if [ -n "${BENCH_DB:-}" ]; then
  # measure again on data a run kept (KEEP_DB=1; DATA=its data directory): no import, no rebuild
  launch_app related-app.log FAULTLINE_DATA_DIR="$data" FAULTLINE_SEED_ENABLED=false
  until curl -fs "$base/api/admin/projections" | python3 -c "import json,sys; sys.exit(0 if all(p.get('lag')==0 and not (p.get('rebuild') or {}).get('running') for p in json.load(sys.stdin)) else 1)"; do sleep 2; done
  java -cp "$cp" dev.faultline.bench.RelatedBenchmark peer-load "$pg$db" "$corpus" >/dev/null
  java -cp "$cp" dev.faultline.bench.RelatedBenchmark measure "$base" "$pg$db" "$n" "$sources" "$rounds" "$peer_sources"
  exit 0
fi
rm -rf "$data"

embed=$(java -cp "$cp" dev.faultline.bench.RelatedBenchmark embed "$corpus" 2000 2>/dev/null | sed -n 's/^EMBED_JSON //p')
echo "embedding alone: $embed"

launch_app related-app.log FAULTLINE_DATA_DIR="$data" FAULTLINE_SEED_ENABLED=false
( while kill -0 $pid 2>/dev/null; do awk '/VmRSS/ {print $2}' /proc/$pid/status; sleep 1; done ) > "$out/related-rss.txt" &
sampler=$!

sql() { psql -tA -h 127.0.0.1 -U postgres -d "$db" -c "$1"; }
preload_vectors "$n"
lag() { curl -fs "$base/api/admin/projections" | python3 -c "import json,sys; s=[p for p in json.load(sys.stdin) if p['name']=='search'][0]; print(s.get('lag') if s.get('lag') is not None else -1, s['state'], (s.get('rebuild') or {}).get('running'))"; }

t0=$(date +%s%N)
curl -fsS -X POST "$base/api/import" -H 'Content-Type: application/x-ndjson' --data-binary @"$corpus" -o "$out/related-import.json"
t1=$(date +%s%N)
until [ "$(lag | cut -d' ' -f1)" = "0" ]; do sleep 1; done
t2=$(date +%s%N)
events=$(sql "SELECT count(*) FROM domainevententry")
encoded=$(sql "SELECT count(*) FROM sentence_vector")
import_s=$(python3 -c "print(round(($t1 - $t0) / 1e9, 1))")
cold_s=$(python3 -c "print(round(($t2 - $t0) / 1e9, 1))")
echo "import of $events events: ${import_s}s; index caught up (vector cache $cache; $encoded sentences in it) after ${cold_s}s"
[ -f "$vectors_file" ] || psql -q -h 127.0.0.1 -U postgres -d "$db" -c "\\copy sentence_vector TO '$vectors_file'"

curl -fsS -X POST "$base/api/admin/projections/search/rebuild" >/dev/null
sleep 1
while [ "$(lag | cut -d' ' -f3)" = "True" ]; do sleep 2; done
rebuild=$(curl -fs "$base/api/admin/projections" | python3 -c "import json,sys; print(json.dumps([p for p in json.load(sys.stdin) if p['name']=='search'][0]['rebuild']))")
echo "rebuild with a warm vector cache: $rebuild"

peer_s=$(java -cp "$cp" dev.faultline.bench.RelatedBenchmark peer-load "$pg$db" "$corpus" | sed -n 's/^PEER_LOAD_SECONDS //p')
echo "peer loaded in ${peer_s}s"
# printed, then parsed (not `tee /dev/stderr`: when stderr is a file, that reopens and truncates it)
measured=$(java -cp "$cp" dev.faultline.bench.RelatedBenchmark measure "$base" "$pg$db" "$n" "$sources" "$rounds" "$peer_sources")
echo "$measured"
result=$(echo "$measured" | sed -n 's/^RELATED_JSON //p')
kill $sampler 2>/dev/null || true
max_rss=$(sort -n "$out/related-rss.txt" | tail -1)
printf '{"date":"%s","incidents":%d,"events":%d,"embedding":%s,"vectorCache":"%s","importSeconds":%s,"indexCaughtUpSeconds":%s,"sentencesInCache":%d,"warmRebuild":%s,"peerLoadSeconds":%s,"maxRssMb":%d,"related":%s}\n' \
  "$(date -u +%FT%TZ)" "$n" "$events" "$embed" "$cache" "$import_s" "$cold_s" "$encoded" "$rebuild" "$peer_s" \
  $((max_rss / 1024)) "$result" > "$out/related.json"
cat "$out/related.json"
