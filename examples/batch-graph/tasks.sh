#!/bin/sh
# The work of each batch build; each writes what it did to out/ so every build has an artifact.
set -e
mkdir -p out
case "$1" in
  lint)
    for f in tasks.sh src/*.sh; do sh -n "$f"; done
    echo "lint ok" > out/lint.txt ;;
  test)
    result=$(sh src/add.sh 2 3)
    [ "$result" = 5 ]
    [ "$2" = slow ] && [ "$(sh src/add.sh 40 2)" = 42 ]
    echo "$2 tests ok" > "out/test-$2.txt" ;;
  package)
    cp src/add.sh out/add.sh
    echo "packaged" > out/package.txt ;;
  *) echo "unknown task $1" >&2; exit 2 ;;
esac
