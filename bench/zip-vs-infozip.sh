#!/usr/bin/env bash
# Benchmark: the engine's zip packaging vs Info-ZIP `zip -r -q -6` on the same generated tree
# (default 20,000 files, ~300 MB, 60% compressible text, 40% random bytes), side by side in one run:
# wall time, CPU (user+sys, from /usr/bin/time), archive size, and `unzip -t` on both archives. Also
# times selecting `**/*` over a tree of 100,000 small files, and packages a ~2 GiB artifact with a
# 256 MiB heap.
# Usage: bench/zip-vs-infozip.sh [FILES] [BYTES] [SELECT_FILES]   (needs cli/target/codebuild-local.jar, zip, unzip)
# Env: ZIP_ONLY=1 skips the 2 GiB and selection parts; RUNS=N repeats both zips N times (default 1)
# and prints each run; JAVA_OPTS adds JVM flags to the engine's run (the launcher's flags, see below).
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=cli/target/codebuild-local.jar
FILES=${1:-20000}; BYTES=${2:-300000000}; SELECT_FILES=${3:-100000}
RUNS=${RUNS:-1}
[ -f "$JAR" ] || { echo "build first: ./mvnw -B -Dcentral-only -DskipTests package" >&2; exit 2; }
command -v zip >/dev/null && command -v unzip >/dev/null || { echo "needs zip and unzip (apt-get install zip unzip)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (apt-get install time)" >&2; exit 2; }
WORK=$(mktemp -d); trap 'rm -rf "$WORK"' EXIT
# compiled first, so the timings below hold JVM start but not source compilation
mkdir -p "$WORK/classes" && javac -d "$WORK/classes" -cp "$JAR" bench/src/*.java
CP="$WORK/classes:$JAR"
java -cp "$CP" GenerateTree "$WORK/tree" "$FILES" "$BYTES"
echo "tree: $(find "$WORK/tree" -type f | wc -l) files, $(du -sb "$WORK/tree" | cut -f1) bytes"
sync
# wall and CPU seconds of one command: "<wall> <user+sys>"
timed() { local out=$1; shift; /usr/bin/time -f '%e %U %S' -o "$out" "$@"; }
seconds() { awk '{printf "%.2f %.2f\n", $1, $2 + $3}' "$1"; }
printf '%-32s %8s %8s %14s %9s\n' "" "wall s" "CPU s" "bytes" "unzip -t"
for run in $(seq 1 "$RUNS"); do
  rm -f "$WORK/infozip.zip" "$WORK/ours.zip"
  (cd "$WORK/tree" && timed "$WORK/t1" zip -r -q -6 "$WORK/infozip.zip" .)
  # shellcheck disable=SC2086
  timed "$WORK/t2" java ${JAVA_OPTS:-} -cp "$CP" ZipBench "$WORK/tree" "$WORK/ours.zip" >"$WORK/ours.out"
  read -r info_wall info_cpu < <(seconds "$WORK/t1")
  read -r ours_wall ours_cpu < <(seconds "$WORK/t2")
  info_size=$(stat -c %s "$WORK/infozip.zip"); ours_size=$(stat -c %s "$WORK/ours.zip")
  printf '%-32s %8s %8s %14d %9s\n' "Info-ZIP zip -r -q -6" "$info_wall" "$info_cpu" "$info_size" "$(unzip -tq "$WORK/infozip.zip" >/dev/null && echo ok || echo FAIL)"
  printf '%-32s %8s %8s %14d %9s\n' "engine (JVM start included)" "$ours_wall" "$ours_cpu" "$ours_size" "$(unzip -tq "$WORK/ours.zip" >/dev/null && echo ok || echo FAIL)"
  echo "engine: $(cat "$WORK/ours.out")"
  echo "run $run: speed-up $(echo "scale=2; $info_wall / $ours_wall" | bc)x (target >= 2);" \
    "CPU ours/Info-ZIP $(echo "scale=2; $ours_cpu / $info_cpu" | bc) (target <= 1);" \
    "size $(echo "scale=4; ($ours_size - $info_size) * 100 / $info_size" | bc)% vs Info-ZIP (target <= 1%)"
done
[ "${ZIP_ONLY:-0}" = 1 ] && exit 0
echo "== a ~2 GiB artifact with -Xmx256m"
java -Xmx256m -cp "$CP" BigArtifactBench "$WORK/big" "$WORK/big.zip"
echo "big.zip unzip -t: $(unzip -tq "$WORK/big.zip" >/dev/null && echo ok || echo FAIL)"
rm -rf "$WORK/big" "$WORK/big.zip"
echo "== selection of **/* over $SELECT_FILES files"
java -cp "$CP" GenerateTree "$WORK/many" "$SELECT_FILES" "$((SELECT_FILES * 100))"
java -cp "$CP" SelectBench "$WORK/many"
