#!/usr/bin/env bash
# Really runs `cmake --build` on broken migration folders (duplicate ID, missing parent, cycle)
# and checks each build fails with a message naming the files involved.
# usage: run.sh RETORT_SOURCE_DIR RETORT_REGISTRY SCRATCH_DIR
set -euo pipefail
src=$1 registry=$2 scratch=$3
rm -rf "$scratch"
mkdir -p "$scratch/cases"/{duplicate,missing_parent,cycle}

revision() {  # revision FILE ID PARENTS
  cat >"$1" <<REV
// revision: $2
// parents: $3
// branch_labels:
// depends_on:
// created: 2026-01-01 00:00:00
// message: $2
#include <retort/migration.hpp>
using namespace retort;
RETORT_REVISION($2);
void upgrade(ops&) {}
void downgrade(ops&) {}
REV
}
revision "$scratch/cases/duplicate/aaaa1111_first.cpp" aaaa1111 ""
revision "$scratch/cases/duplicate/bbbb2222_second.cpp" aaaa1111 ""
revision "$scratch/cases/missing_parent/aaaa1111_first.cpp" aaaa1111 ""
revision "$scratch/cases/missing_parent/cccc3333_orphan.cpp" cccc3333 "dddd4444"
revision "$scratch/cases/cycle/aaaa1111_root.cpp" aaaa1111 ""
revision "$scratch/cases/cycle/eeee5555_one.cpp" eeee5555 "ffff6666"
revision "$scratch/cases/cycle/ffff6666_two.cpp" ffff6666 "eeee5555"

cmake -S "$src/tests/build_check" -B "$scratch/build" -G Ninja -DRETORT_SOURCE_DIR="$src" \
  -DRETORT_REGISTRY="$registry" -DCASES_DIR="$scratch/cases" >"$scratch/configure.log" 2>&1 \
  || { cat "$scratch/configure.log"; exit 1; }

status=0
expect_failure() {  # expect_failure CASE TEXT...
  local case=$1 out
  shift
  if out=$(cmake --build "$scratch/build" --target "runner_${case}_revisions" -j1 2>&1); then
    echo "FAIL: the build of the '$case' folder succeeded"
    status=1
    return
  fi
  for text in "$@"; do
    if ! grep -qF -- "$text" <<<"$out"; then
      echo "FAIL: the '$case' build failed without naming '$text':"
      echo "$out"
      status=1
    fi
  done
  echo "ok: $case fails the build: $(grep -m1 'revision graph check failed' <<<"$out")"
}
expect_failure duplicate "duplicate revision ID aaaa1111" "aaaa1111_first.cpp" "bbbb2222_second.cpp"
expect_failure missing_parent "cccc3333_orphan.cpp" "dddd4444"
expect_failure cycle "cycle" "eeee5555_one.cpp" "ffff6666_two.cpp"
rm -rf "$scratch"
exit $status
