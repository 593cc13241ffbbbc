#!/usr/bin/env bash
# Patterns benchmark (issue 22): N synthetic incidents imported over HTTP into a fresh database, the
# pattern projection's lag sampled every second during the import; then GET /api/patterns (default, and
# with a label and an organization), /recurrence and /remediations?overdue=true, one client, each
# interleaved with the same answer computed by plain SQL over the catalogue (PatternBenchmark).
#   usage: bench/run-patterns.sh [incidents=100000] [paired-rounds=3]
#   KEEP_DB=1 keeps the database and data directory; BENCH_DB=<name> then measures again without the import.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-100000}
rounds=${2:-3}
db_prefix=faultline_patterns
port=18098
source bench/common.sh
cp="$bench_cp"
base="http://localhost:$port"
corpus=$(corpus_file "$n")
data="$out/patterns-data"
[ -n "${BENCH_DB:-}" ] || rm -rf "$data"
launch_app patterns-app.log FAULTLINE_DATA_DIR="$data" FAULTLINE_SEED_ENABLED=false
sql() { psql -tA -h 127.0.0.1 -U postgres -d "$db" -c "$1"; }
lag() { curl -fs "$base/api/admin/projections" | python3 -c "import json,sys; s=[p for p in json.load(sys.stdin) if p['name']=='patterns'][0]; print(s.get('lag') if s.get('lag') is not None else -1)"; }
if [ -z "${BENCH_DB:-}" ]; then
# the related benchmark's vector cache, when there is one, spares the embedding of every sentence
vectors_file="$out/sentence-vectors-$n.copy"
[ -f "$vectors_file" ] && psql -q -h 127.0.0.1 -U postgres -d "$db" -c "\\copy sentence_vector FROM '$vectors_file'"

( while true; do echo "$(date +%s) $(lag 2>/dev/null || echo -1)"; sleep 1; done ) > "$out/patterns-lag.txt" &
sampler=$!
t0=$(date +%s%N)
curl -fsS -X POST "$base/api/import" -H 'Content-Type: application/x-ndjson' --data-binary @"$corpus" -o "$out/patterns-import.json"
t1=$(date +%s%N)
until [ "$(lag)" = "0" ]; do sleep 1; done
t2=$(date +%s%N)
kill $sampler 2>/dev/null || true
events=$(sql "SELECT count(*) FROM domainevententry")
import_s=$(python3 -c "print(round(($t1 - $t0) / 1e9, 1))")
behind_s=$(python3 -c "print(round(($t2 - $t1) / 1e9, 1))")
lag_stats=$(python3 -c "
import statistics
lags=[int(l.split()[1]) for l in open('$out/patterns-lag.txt') if l.split()[1] not in ('-1','')]
print('{\"samples\":%d,\"medianEvents\":%d,\"maxEvents\":%d}' % (len(lags), statistics.median(lags) if lags else 0, max(lags) if lags else 0))")
echo "import of $events events: ${import_s}s; patterns caught up ${behind_s}s after it; lag during it: $lag_stats"
echo "$import_s $behind_s $lag_stats" > "$out/patterns-import.txt"
else
  until [ "$(lag)" = "0" ]; do sleep 1; done
  events=$(sql "SELECT count(*) FROM domainevententry")
  read -r import_s behind_s lag_stats < "$out/patterns-import.txt"
fi

# measure on a quiet app: the search projection embeds sentences for many minutes after a big import,
# and a measurement taken while it works measures that work (the 05:15 run of 2026-12-04 did)
all_caught_up() { curl -fs "$base/api/admin/projections" | python3 -c "import json,sys; print(all(p.get('lag')==0 and not (p.get('rebuild') or {}).get('running') for p in json.load(sys.stdin)))"; }
t3=$(date +%s)
until [ "$(all_caught_up)" = "True" ]; do sleep 5; done
echo "every projection caught up $(( $(date +%s) - t3 ))s after the patterns projection"

peer_s=$(java -cp "$cp" dev.faultline.bench.PatternBenchmark peer-load "$base" "$pg$db" | sed -n 's/^PEER_LOAD_SECONDS //p')
echo "SQL peer loaded in ${peer_s}s"
measured=$(java -cp "$cp" dev.faultline.bench.PatternBenchmark measure "$base" "$pg$db" "$n" "$rounds")
echo "$measured"
result=$(echo "$measured" | sed -n 's/^PATTERNS_JSON //p')
printf '{"date":"%s","incidents":%d,"events":%d,"importSeconds":%s,"patternsCaughtUpAfterImportSeconds":%s,"patternsLagDuringImport":%s,"peerLoadSeconds":%s,"results":%s}\n' \
  "$(date -u +%FT%TZ)" "$n" "$events" "$import_s" "$behind_s" "$lag_stats" "$peer_s" "$result" > "$out/patterns.json"
cat "$out/patterns.json"
