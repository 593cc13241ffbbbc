#!/usr/bin/env bash
# Records which classes the packaged app loads from its jar until it is ready, in order, into
# src/main/resources/META-INF/faultline/startup-classes.txt: the list the build's class-data
# training links before the archive is written (docs/decisions.md, "Start-up"). Rerun after
# dependency upgrades (StartupClassesTest fails when too much of the list no longer exists), then
# rebuild. Run it with JAVA_OPTS=-Xmx512m: with the archive mapped, the list would be empty.
#   usage: bench/startup-classes.sh
set -euo pipefail
cd "$(dirname "$0")/.."
db_prefix=faultline_classes
port=18094
source bench/common.sh
log=$out/class-load.txt
list=src/main/resources/META-INF/faultline/startup-classes.txt
launch_app startup-classes-app.log FAULTLINE_DATA_DIR="$out/classes-data" \
  JAVA_TOOL_OPTIONS="-Xlog:class+load=info:file=$log"
lines=$(wc -l <"$log")
kill -TERM "$pid"; wait "$pid" 2>/dev/null || true; pid=""
rm -rf "$out/classes-data"
# classes read from jars and directories only: not the JDK's shared archive, not classes spun at
# run time (lambdas, proxies, method-handle forms), which no class loader can find by name
head -n "$lines" "$log" | grep ' source: \(file:\|jrt:\)' | awk '{print $2}' \
  | grep -v -e '\$\$Lambda' -e 'LambdaForm\$' -e '^jdk\.jfr\.' >"$list"
echo "$(wc -l <"$list") classes in $list"
