#!/usr/bin/env bash
# Benchmarks of the run engine, side by side in one run:
#  1. N trivial commands through the engine vs the same N each as its own `sh -c` (default 500, 3 rounds);
#  2. a command printing 1 GiB (lines, then one single line) through the engine with -Xmx128m.
# Usage: bench/engine-overhead.sh [N] [ROUNDS] [BYTES]   (needs cli/target/codebuild-local.jar)
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=cli/target/codebuild-local.jar
[ -f "$JAR" ] || { echo "build first: ./mvnw -B -Dcentral-only -DskipTests package" >&2; exit 2; }
CLASSES=$(mktemp -d); trap 'rm -rf "$CLASSES"' EXIT
javac -d "$CLASSES" -cp "$JAR" bench/src/*.java
echo "== per-command overhead"
java -cp "$CLASSES:$JAR" CommandOverheadBench "${1:-500}" "${2:-3}"
echo "== 1 GiB of output with -Xmx128m"
java -Xmx128m -cp "$CLASSES:$JAR" BigOutputBench "${3:-1073741824}"
