#!/usr/bin/env bash
# codebuildSpec against sh steps on the kit's Jenkins (plugin-kit's harness): N echo commands as one
# codebuildSpec call and as N sh steps, on a permanent agent and inside docker.image(...).inside,
# alternating, printing the medians side by side with their ratio, plus the fixed cost of a step call and
# the cost per command. Usage: bench/jenkins-step-vs-sh.sh [commands] [rounds]
# For docker.inside, eval "$(bash .ci/docker-engine)" first (and `bash .ci/docker-engine --stop` after).
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -Dcentral-only -pl plugin-kit -am -Dspotless.check.skip=true -DskipTests=false \
  -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=StepVsShBench \
  -Dbench.commands="${1:-50}" -Dbench.rounds="${2:-3}" verify 2>&1 | grep '^\[bench\]'
