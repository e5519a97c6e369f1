#!/usr/bin/env bash
# The committed fixture graphs must be exactly what make_graph_fixtures.py writes through mkrev
# today (apart from the created: lines), so a change to mkrev's output shows up here.
# usage: check_fixtures.sh MKREV COMMITTED_ROOT SCRATCH_ROOT
set -euo pipefail
mkrev=$1 committed=$2 scratch=$3
rm -rf "$scratch"
mkdir -p "$scratch"
/usr/bin/python3 "$(dirname "$0")/make_graph_fixtures.py" "$mkrev" "$scratch"
status=0
for n in 1 2 3; do
  if ! diff -r -I '^// created: ' "$committed/graph_$n" "$scratch/graph_$n"; then
    echo "tests/fixtures/graph_$n differs from what mkrev writes now; regenerate with:" >&2
    echo "  /usr/bin/python3 tests/differential/make_graph_fixtures.py build/mkrev tests/fixtures" >&2
    status=1
  fi
done
rm -rf "$scratch"
exit $status
