#!/usr/bin/env bash
# Benchmark: the engine's zip packaging vs Info-ZIP `zip -r -q -6` on the same generated tree
# (default 20,000 files, ~300 MB, 60% compressible text, 40% random bytes), side by side in one run:
# wall time, CPU (user+sys, from /usr/bin/time), archive size, and `unzip -t` on both archives. Also
# times selecting `**/*` over a tree of 100,000 small files, and packages a ~2 GiB artifact with a
# 256 MiB heap.
# Usage: bench/zip-vs-infozip.sh [FILES] [BYTES] [SELECT_FILES]   (needs cli/target/codebuild-local.jar, zip, unzip)
# Env: ZIP_ONLY=1 skips the 2 GiB and selection parts; RUNS=N repeats the zips N times (default 1)
# and prints each run; JAVA_OPTS replaces the JVM settings of the first and third engine runs.
# The engine zips three times per run: with the JVM settings of the ./codebuild-local launcher and
# libdeflate where the machine has it (docs/running.md#artifacts), as users get it; the same under
# `java -jar`'s defaults; and with the launcher's settings and the JDK's zlib it falls back to
# (-Dcodebuildspec.deflate=zlib).
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=cli/target/codebuild-local.jar
LAUNCHER_OPTS=$(sed -n "s/^default_opts='\(.*\)'\$/\1/p" codebuild-local)
[ -n "$LAUNCHER_OPTS" ] || { echo "cannot read the JVM settings of ./codebuild-local" >&2; exit 2; }
OPTS=${JAVA_OPTS-$LAUNCHER_OPTS}
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
# wall and CPU seconds of one command: "<wall> <user+sys>"; each starts once the writes of the one
# before are on disk, so none pays for another's write-back
timed() { local out=$1; shift; sync; /usr/bin/time -f '%e %U %S' -o "$out" "$@"; }
seconds() { awk '{printf "%.2f %.2f\n", $1, $2 + $3}' "$1"; }
echo "JVM settings: ${OPTS:-the defaults} (JVM start included in every engine time)"
printf '%-32s %8s %8s %14s %9s\n' "" "wall s" "CPU s" "bytes" "unzip -t"
for run in $(seq 1 "$RUNS"); do
  rm -f "$WORK/infozip.zip" "$WORK/ours.zip" "$WORK/plain.zip" "$WORK/zlib.zip"
  (cd "$WORK/tree" && timed "$WORK/t1" zip -r -q -6 "$WORK/infozip.zip" .)
  # shellcheck disable=SC2086
  timed "$WORK/t2" java $OPTS -cp "$CP" ZipBench "$WORK/tree" "$WORK/ours.zip" >"$WORK/ours.out"
  timed "$WORK/t3" java -cp "$CP" ZipBench "$WORK/tree" "$WORK/plain.zip" >"$WORK/plain.out"
  # shellcheck disable=SC2086
  timed "$WORK/t4" java $OPTS -Dcodebuildspec.deflate=zlib -cp "$CP" ZipBench "$WORK/tree" "$WORK/zlib.zip" >"$WORK/zlib.out"
  read -r info_wall info_cpu < <(seconds "$WORK/t1")
  info_size=$(stat -c %s "$WORK/infozip.zip")
  printf '%-32s %8s %8s %14d %9s\n' "Info-ZIP zip -r -q -6" "$info_wall" "$info_cpu" "$info_size" "$(unzip -tq "$WORK/infozip.zip" >/dev/null && echo ok || echo FAIL)"
  for variant in ours plain zlib; do
    case $variant in
      ours) t=$WORK/t2 label="engine, launcher's JVM settings" ;;
      plain) t=$WORK/t3 label="engine, java -jar defaults" ;;
      zlib) t=$WORK/t4 label="engine, zlib fallback" ;;
    esac
    read -r wall cpu < <(seconds "$t")
    size=$(stat -c %s "$WORK/$variant.zip")
    printf '%-32s %8s %8s %14d %9s\n' "$label" "$wall" "$cpu" "$size" "$(unzip -tq "$WORK/$variant.zip" >/dev/null && echo ok || echo FAIL)"
    echo "  $(cat "$WORK/$variant.out")"
    echo "  run $run: speed-up $(echo "scale=2; $info_wall / $wall" | bc)x (target >= 2);" \
      "CPU ours/Info-ZIP $(echo "scale=2; $cpu / $info_cpu" | bc) (target <= 1);" \
      "size $(echo "scale=4; ($size - $info_size) * 100 / $info_size" | bc)% vs Info-ZIP (target <= 1%)"
  done
done
[ "${ZIP_ONLY:-0}" = 1 ] && exit 0
echo "== a ~2 GiB artifact with -Xmx256m"
java -Xmx256m -cp "$CP" BigArtifactBench "$WORK/big" "$WORK/big.zip"
echo "big.zip unzip -t: $(unzip -tq "$WORK/big.zip" >/dev/null && echo ok || echo FAIL)"
rm -rf "$WORK/big" "$WORK/big.zip"
echo "== selection of **/* over $SELECT_FILES files"
java -cp "$CP" GenerateTree "$WORK/many" "$SELECT_FILES" "$((SELECT_FILES * 100))"
java -cp "$CP" SelectBench "$WORK/many"
