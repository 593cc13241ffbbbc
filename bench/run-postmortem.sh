#!/usr/bin/env bash
# Postmortem export benchmark (issue 5): the seed incidents plus N synthetic incidents in a fresh
# database; single exports of cloudflare-2025-11-18 in each format (warm, one client), then the
# bulk Markdown zip of every incident with the app's resident memory sampled every second.
#   usage: bench/run-postmortem.sh [incidents=10000] [requests=500]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-10000}
requests=${2:-500}
db_prefix=faultline_postmortem
port=18097
source bench/common.sh
cp="$bench_cp"
base="http://localhost:$port"
corpus=$(corpus_file "$n")
data="$out/postmortem-data"
rm -rf "$data"
launch_app postmortem-app.log FAULTLINE_DATA_DIR="$data"
curl -fsS -X POST "$base/api/import" -H 'Content-Type: application/x-ndjson' --data-binary @"$corpus" -o /dev/null
( while kill -0 $pid 2>/dev/null; do echo "$(date +%s) $(awk '/VmRSS/ {print $2}' /proc/$pid/status)"; sleep 1; done ) > "$out/postmortem-rss.txt" &
sampler=$!
java -cp "$cp" dev.faultline.bench.PostmortemBenchmark "$base" cloudflare-2025-11-18 "$requests" | tee "$out/postmortem-run.txt"
kill $sampler 2>/dev/null || true
result=$(sed -n 's/^POSTMORTEM_JSON //p' "$out/postmortem-run.txt")
start=$(sed -n 's/^BULK_START //p' "$out/postmortem-run.txt"); end=$(sed -n 's/^BULK_END //p' "$out/postmortem-run.txt")
# resident memory just before the bulk export and at its peak during it
rss=$(python3 -c "
rows=[tuple(map(int,l.split())) for l in open('$out/postmortem-rss.txt') if len(l.split())==2]
before=[r for t,r in rows if t<$start]; during=[r for t,r in rows if $start<=t<=$end]
print('{\"beforeBulk\":%d,\"peakDuringBulk\":%d}' % (before[-1]//1024, max(during or before[-1:])//1024))")
printf '{"date":"%s","incidents":%d,"rssMb":%s,"export":%s}\n' "$(date -u +%FT%TZ)" "$n" "$rss" "$result" > "$out/postmortem.json"
cat "$out/postmortem.json"
