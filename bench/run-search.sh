#!/usr/bin/env bash
# Search benchmark (issue 4): N synthetic incidents imported over HTTP into a fresh database (the
# search projection indexing as they arrive), a zero-downtime rebuild of the index from the event
# store, then the 50-query mix against Faultline and against the PostgreSQL full-text peer loaded
# with the same corpus in the same database. Resident memory and index size are sampled.
#   usage: bench/run-search.sh [incidents=100000] [rounds=20] [seconds=30]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-100000}
rounds=${2:-20}
seconds=${3:-30}
db_prefix=faultline_search
port=18096
source bench/common.sh
cp="$bench_cp"
base="http://localhost:$port"
corpus=$(corpus_file "$n")
data="$out/search-data"
rm -rf "$data"

launch_app search-app.log FAULTLINE_DATA_DIR="$data" FAULTLINE_SEED_ENABLED=false
( while kill -0 $pid 2>/dev/null; do awk '/VmRSS/ {print $2}' /proc/$pid/status; sleep 1; done ) > "$out/search-rss.txt" &
sampler=$!

lag() { curl -fs "$base/api/admin/projections" | python3 -c "import json,sys; s=[p for p in json.load(sys.stdin) if p['name']=='search'][0]; print(s.get('lag') if s.get('lag') is not None else -1, s['state'], (s.get('rebuild') or {}).get('running'))"; }

t0=$(date +%s%N)
curl -fsS -X POST "$base/api/import" -H 'Content-Type: application/x-ndjson' --data-binary @"$corpus" -o "$out/search-import.json"
t1=$(date +%s%N)
until [ "$(lag | cut -d' ' -f1)" = "0" ]; do sleep 1; done
t2=$(date +%s%N)
events=$(psql -tA -h 127.0.0.1 -U postgres -d "$db" -c "SELECT count(*) FROM domainevententry")
import_s=$(python3 -c "print(round(($t1 - $t0) / 1e9, 1))")
caught_s=$(python3 -c "print(round(($t2 - $t0) / 1e9, 1))")
echo "import of $events events: ${import_s}s; index caught up after ${caught_s}s"

curl -fsS -X POST "$base/api/admin/projections/search/rebuild" >/dev/null
sleep 1
while [ "$(lag | cut -d' ' -f3)" = "True" ]; do sleep 2; done
rebuild=$(curl -fs "$base/api/admin/projections" | python3 -c "import json,sys; print(json.dumps([p for p in json.load(sys.stdin) if p['name']=='search'][0]['rebuild']))")
echo "rebuild: $rebuild"
# the serving generation only (the replaced one is deleted a few seconds after the swap)
index_bytes=$(du -sb "$data/index/$(sed -n 's/^generation=//p' "$data/index/CURRENT")" | cut -f1)

peer_s=$(java -cp "$cp" dev.faultline.bench.SearchBenchmark peer-load "$pg$db" "$corpus" | sed -n 's/^PEER_LOAD_SECONDS //p')
peer_bytes=$(psql -tA -h 127.0.0.1 -U postgres -d "$db" -c "SELECT pg_total_relation_size('peer_incident')")
echo "peer loaded in ${peer_s}s"
# printed, then parsed (not `tee /dev/stderr`: when stderr is a file, that reopens and truncates it)
measured=$(java -cp "$cp" dev.faultline.bench.SearchBenchmark measure "$base" "$pg$db" "$rounds" "$seconds")
echo "$measured"
result=$(echo "$measured" | sed -n 's/^SEARCH_JSON //p')
kill $sampler 2>/dev/null || true
max_rss=$(sort -n "$out/search-rss.txt" | tail -1)
printf '{"date":"%s","incidents":%d,"events":%d,"importSeconds":%s,"indexCaughtUpSeconds":%s,"rebuild":%s,"indexBytes":%d,"peerLoadSeconds":%s,"peerTableBytes":%d,"maxRssMb":%d,"search":%s}\n' \
  "$(date -u +%FT%TZ)" "$n" "$events" "$import_s" "$caught_s" "$rebuild" "$index_bytes" "$peer_s" "$peer_bytes" \
  $((max_rss / 1024)) "$result" > "$out/search.json"
cat "$out/search.json"
