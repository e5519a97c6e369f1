#!/usr/bin/env bash
# The seed's migration wrapper, for Retort: verify the connection, validate the migration
# environment (runner built, single head, history intact), upgrade to head, and say clearly how it
# went. Exit codes: 0 migrated (or nothing to do), 1 the upgrade failed, 2 usage, 3 runner not
# built, 4 cannot connect, 5 environment invalid (several heads, modified or unknown applied
# revisions).
set -uo pipefail

usage() {
  cat <<'USAGE'
Usage: tools/run_migration.sh [-d|--database-url <database_url>] [--backup FILE] [-h|--help]

Options:
  -d, --database-url <url>  the database URL (required; or DATABASE_URL)
                            Format: postgresql://user:password@host:port/dbname
  --backup FILE             pg_dump (custom format) the database into FILE before the first change,
                            only when there is something to apply; restore with pg_restore
  -h, --help                show this help message

Environment:
  RETORT_RUNNER  the runner binary to use (default: build/runner next to this script's project)

Exit codes: 0 ok, 1 upgrade failed, 2 usage, 3 runner not built, 4 cannot connect,
            5 environment invalid (several heads, modified or unknown applied revisions)
USAGE
}

say() { printf '%s\n' "$*"; }
fail() { # code, message
  printf 'run_migration: FAILED: %s\n' "$2" >&2
  exit "$1"
}

url=${DATABASE_URL:-}
backup=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    -d|--database-url)
      [[ $# -ge 2 && -n "$2" ]] || fail 2 "$1 needs a URL (see --help)"
      url=$2
      shift 2 ;;
    --backup)
      [[ $# -ge 2 && -n "$2" ]] || fail 2 "$1 needs a file (see --help)"
      backup=(--backup "$2")
      shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) fail 2 "unknown argument '$1' (see --help)" ;;
  esac
done
[[ -n "$url" ]] || fail 2 "no database URL: pass -d postgresql://user:password@host:port/dbname (see --help)"

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
runner=${RETORT_RUNNER:-$here/../build/runner}
[[ -x "$runner" ]] || fail 3 "no runner at $runner: build it first (cmake -S . -B build && cmake --build build)"

# The runner masks passwords in its messages; pass the URL in the environment, not on a command line
# other users could read with ps.
export DATABASE_URL=$url
say "1/4 Verifying the database connection"
# check reads the database without changing it; exit 1 means it could not (see runner check --help).
report=$("$runner" check 2>&1)
status=$?
[[ $status -eq 1 ]] && fail 4 "cannot use the database: $(printf '%s\n' "$report" | tail -n 1 | sed 's/^error: //')"

say "2/4 Validating the migration environment (single head)"
message=$("$runner" heads --check 2>&1 >/dev/null | tail -n 1) || fail 5 "${message#error: }"

say "3/4 Validating the applied history"
case $status in
  0|4) ;;
  5|6) fail 5 "history not intact: $(printf '%s\n' "$report" | grep -E '^(modified|unknown):' | head -n 1)" ;;
  *) fail 5 "the database does not match this runner (runner check exit $status)" ;;
esac

say "4/4 Upgrading to head"
"$runner" upgrade head "${backup[@]}"
status=$?
[[ $status -eq 0 ]] || fail 1 "the upgrade stopped (exit $status); the revisions before the failing one stay applied, the failing one was rolled back"
say "Migration complete: the database is at head"
