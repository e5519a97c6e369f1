#!/usr/bin/env bash
# Checks that a build step of Ninja's graph waits for a given file: a step that runs the static
# runner for a command that connects (bash completion reads every command's --help) must wait for
# runner-online too, or a parallel build may run it before runner-online is linked.
# usage: step_inputs.sh NINJA BUILD_DIR OUTPUT NEEDED...
set -euo pipefail
ninja=$1 build=$2 output=$3
shift 3
inputs=$("$ninja" -C "$build" -t query "$output" | sed -n '/^  input:/,/^  outputs:/p')
status=0
for needed in "$@"; do
  if ! grep -qE "^    (\|\|? )?$needed$" <<<"$inputs"; then
    echo "$output does not wait for $needed; its inputs are:" >&2
    echo "$inputs" >&2
    status=1
  fi
done
exit $status
