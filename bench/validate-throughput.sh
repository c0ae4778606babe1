#!/usr/bin/env bash
# Benchmark: `codebuild-local validate` over N copies of a large, realistic buildspec, in one JVM.
# Prints files/second for the whole run (JVM start included) and for a second, warm run of the
# same files, side by side with a baseline: the same JVM starting and printing the schema, which
# reads no buildspec at all.
# Usage: bench/validate-throughput.sh [COPIES]   (default 1000; needs cli/target/codebuild-local.jar)
set -euo pipefail
cd "$(dirname "$0")/.."
COPIES=${1:-1000}
JAR=cli/target/codebuild-local.jar
SOURCE=engine/src/test/resources/scenarios/parse/valid/every-key/buildspec.yml
[ -f "$JAR" ] || { echo "build first: ./mvnw -B -Dcentral-only -DskipTests package" >&2; exit 2; }

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
for i in $(seq 1 "$COPIES"); do cp "$SOURCE" "$WORK/buildspec-$i.yml"; done
BYTES=$(stat -c %s "$SOURCE")

now() { date +%s%N; }
t0=$(now); java -jar "$JAR" schema > /dev/null; t1=$(now)
java -jar "$JAR" validate --quiet "$WORK"/*.yml > "$WORK/out.txt"; t2=$(now)
java -jar "$JAR" validate --quiet "$WORK"/*.yml > /dev/null; t3=$(now)

ms() { echo $(( ($2 - $1) / 1000000 )); }
base=$(ms "$t0" "$t1"); cold=$(ms "$t1" "$t2"); warm=$(ms "$t2" "$t3")
lines=$(grep -c ": warning: " "$WORK/out.txt" || true)
echo "validate: $COPIES files of $BYTES bytes ($(wc -l < "$SOURCE") lines) each, $lines warnings printed"
printf '%-34s %8s %12s\n' "run" "ms" "files/s"
printf '%-34s %8d %12s\n' "baseline: JVM start + schema" "$base" "-"
printf '%-34s %8d %12.0f\n' "validate, run 1" "$cold" "$(echo "$COPIES * 1000 / $cold" | bc -l)"
printf '%-34s %8d %12.0f\n' "validate, run 2" "$warm" "$(echo "$COPIES * 1000 / $warm" | bc -l)"
printf '%-34s %8d %12.0f\n' "validate minus JVM start (run 2)" "$((warm - base))" \
  "$(echo "$COPIES * 1000 / ($warm - $base)" | bc -l)"
