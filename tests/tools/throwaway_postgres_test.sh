#!/usr/bin/env bash
# tools/throwaway-postgres in a folder whose name is a shell injection: nothing runs, the password
# file is private, the data folder belongs to the server's user alone, and the server works.
#   throwaway_postgres_test.sh SOURCE_DIR WORK_DIR
set -euo pipefail
tool=$1/tools/throwaway-postgres
work=$2
rm -rf "$work"
mkdir -p "$work"
cd "$work"
dir="$work/dir'; touch PWNED; '\$(touch PWNED2)"
fail() { echo "FAILED: $*" >&2; "$tool" stop "$dir" || true; exit 1; }

"$tool" start "$dir" >/dev/null
[[ -z $(find "$work" -name 'PWNED*'; find / -xdev -maxdepth 1 -name 'PWNED*') ]] || fail "the folder name ran as a command"
[[ $(stat -c %a "$dir/env") == 600 ]] || fail "env has mode $(stat -c %a "$dir/env"), not 600"
server_user=$([[ $(id -u) -eq 0 ]] && echo postgres || id -un)
for d in data server; do
  [[ $(stat -c %U "$dir/$d") == "$server_user" ]] || fail "$d belongs to $(stat -c %U "$dir/$d"), not $server_user"
  [[ $(stat -c %a "$dir/$d") == 700 ]] || fail "$d has mode $(stat -c %a "$dir/$d"), not 700"
done
[[ ! -e "$dir/server/pwfile" ]] || fail "the initdb password file was left behind"
# shellcheck disable=SC1091
url=$(. "$dir/env" && echo "$DATABASE_URL")
bin=$(. "$dir/env" && echo "$PGBINDIR")
[[ $(. "$dir/env" && echo "$PGSOCKETDIR") == "$dir/server" ]] || fail "PGSOCKETDIR does not read back as the socket folder"
[[ -S "$dir/server/.s.PGSQL.$(. "$dir/env" && echo "$PGPORT")" ]] || fail "no socket in the socket folder"
[[ $("$bin/psql" -X -tA -c "SELECT 1" "$url") == 1 ]] || fail "cannot connect with DATABASE_URL"
"$tool" stop "$dir"
[[ ! -e "$dir" ]] || fail "stop left the folder"
[[ -z $(find "$work" -name 'PWNED*') ]] || fail "the folder name ran as a command"
echo "ok"
