#!/usr/bin/env bash
# Benchmarks of the run engine:
#  1. per-command cost: N trivial commands through this tree's engine and a baseline engine side by side
#     in one JVM (default 500 commands, 3 rounds), state on a memory file system and on disk, with each
#     one's ratio to the baseline, against the same N each as its own `sh -c` (bench/src/CompareEngines);
#  2. a command printing 1 GiB (lines, then one single line) through this tree's engine with -Xmx128m.
# Usage: bench/engine-overhead.sh [--baseline JAR|GIT-REF|none] [N] [ROUNDS] [BYTES]
#   The baseline defaults to the git ref `main`, built once per commit into $BENCH_CACHE (default
#   ~/.cache/codebuild-buildspec-bench/baseline-<commit>.jar)
#   in a temporary worktree with $BENCH_MVN (default ./mvnw; e.g. BENCH_MVN="flock /tmp/mvn.lock ./mvnw").
#   Needs cli/target/codebuild-local.jar (./mvnw -B -Dcentral-only -DskipTests package).
set -euo pipefail
cd "$(dirname "$0")/.."
BASELINE=main
if [ "${1:-}" = --baseline ]; then BASELINE=$2; shift 2; fi
JAR=cli/target/codebuild-local.jar
[ -f "$JAR" ] || { echo "build first: ./mvnw -B -Dcentral-only -DskipTests package" >&2; exit 2; }
JARS=()
if [ "$BASELINE" != none ]; then
  if [ -f "$BASELINE" ]; then
    JARS+=("$BASELINE")
  else
    sha=$(git rev-parse --verify --short "$BASELINE^{commit}")
    cache=${BENCH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/codebuild-buildspec-bench}
    mkdir -p "$cache"
    base=$cache/baseline-$sha.jar
    if [ ! -f "$base" ]; then
      tree=$(mktemp -d)
      git worktree add -q --detach "$tree" "$sha"
      echo "building the baseline $BASELINE ($sha) in $tree" >&2
      if (cd "$tree" && ${BENCH_MVN:-./mvnw} -B -q -Dcentral-only -DskipTests -pl engine,cli package >&2); then
        cp "$tree/cli/target/codebuild-local.jar" "$base"
      fi
      git worktree remove --force "$tree"
      [ -f "$base" ] || { echo "the baseline did not build" >&2; exit 2; }
    fi
    JARS+=("$base")
  fi
fi
JARS+=("$JAR")
CLASSES=$(mktemp -d); trap 'rm -rf "$CLASSES"' EXIT
javac -d "$CLASSES" -cp "$JAR" bench/src/*.java
echo "== per-command cost"
java -cp "$CLASSES" CompareEngines "${1:-500}" "${2:-3}" "${JARS[@]}"
echo "== 1 GiB of output with -Xmx128m"
java -Xmx128m -cp "$CLASSES:$JAR" BigOutputBench "${3:-1073741824}"
