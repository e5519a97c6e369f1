#!/usr/bin/env bash
# ctest splits a discovered test name at ';' (a CMake list separator), and the pieces match no
# doctest case, so they "pass" without running anything. Refuse such names.
set -euo pipefail
found=$(grep -rn --include='*.cpp' -E '(TEST_CASE|SUBCASE)\("[^"]*;' "$1" || true)
if [[ -n "$found" ]]; then
  echo "test names must not contain ';':" >&2
  echo "$found" >&2
  exit 1
fi
