#!/usr/bin/env bash
# Benchmark: the engine's zip packaging vs Info-ZIP `zip -r -q -6` on the same generated tree
# (default 20,000 files, ~300 MB, 60% compressible text, 40% random bytes), side by side in one run:
# time, archive size, and `unzip -t` on both archives. Also times selecting `**/*` over a tree of
# 100,000 small files, and packages a ~2 GiB artifact with a 256 MiB heap.
# Usage: bench/zip-vs-infozip.sh [FILES] [BYTES] [SELECT_FILES]   (needs cli/target/codebuild-local.jar, zip, unzip)
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=cli/target/codebuild-local.jar
FILES=${1:-20000}; BYTES=${2:-300000000}; SELECT_FILES=${3:-100000}
[ -f "$JAR" ] || { echo "build first: ./mvnw -B -Dcentral-only -DskipTests package" >&2; exit 2; }
command -v zip >/dev/null && command -v unzip >/dev/null || { echo "needs zip and unzip (apt-get install zip unzip)" >&2; exit 2; }
WORK=$(mktemp -d); trap 'rm -rf "$WORK"' EXIT
# compiled first, so the timings below hold JVM start but not source compilation
mkdir -p "$WORK/classes" && javac -d "$WORK/classes" -cp "$JAR" bench/src/*.java
CP="$WORK/classes:$JAR"
java -cp "$CP" GenerateTree "$WORK/tree" "$FILES" "$BYTES"
echo "tree: $(find "$WORK/tree" -type f | wc -l) files, $(du -sb "$WORK/tree" | cut -f1) bytes"
sync
now() { date +%s%N; }
t0=$(now); (cd "$WORK/tree" && zip -r -q -6 "$WORK/infozip.zip" .); t1=$(now)
ours=$(java -cp "$CP" ZipBench "$WORK/tree" "$WORK/ours.zip"); t2=$(now)
info_ms=$(( (t1 - t0) / 1000000 )); ours_ms=$(( (t2 - t1) / 1000000 ))
info_size=$(stat -c %s "$WORK/infozip.zip"); ours_size=$(stat -c %s "$WORK/ours.zip")
printf '%-28s %10s %14s %10s\n' "" "ms" "bytes" "unzip -t"
printf '%-28s %10d %14d %10s\n' "Info-ZIP zip -r -q -6" "$info_ms" "$info_size" "$(unzip -tq "$WORK/infozip.zip" >/dev/null && echo ok || echo FAIL)"
printf '%-28s %10d %14d %10s\n' "engine (JVM start included)" "$ours_ms" "$ours_size" "$(unzip -tq "$WORK/ours.zip" >/dev/null && echo ok || echo FAIL)"
echo "engine: $ours"
echo "speed-up: $(echo "scale=2; $info_ms / $ours_ms" | bc)x (target >= 2); size: $(echo "scale=4; ($ours_size - $info_size) * 100 / $info_size" | bc)% vs Info-ZIP (target <= 1%)"
echo "== a ~2 GiB artifact with -Xmx256m"
java -Xmx256m -cp "$CP" BigArtifactBench "$WORK/big" "$WORK/big.zip"
echo "big.zip unzip -t: $(unzip -tq "$WORK/big.zip" >/dev/null && echo ok || echo FAIL)"
rm -rf "$WORK/big" "$WORK/big.zip"
echo "== selection of **/* over $SELECT_FILES files"
java -cp "$CP" GenerateTree "$WORK/many" "$SELECT_FILES" "$((SELECT_FILES * 100))"
java -cp "$CP" SelectBench "$WORK/many"
