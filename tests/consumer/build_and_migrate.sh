#!/usr/bin/env bash
# examples/consumer built the way a user's project builds, then migrated on the test server.
#   build_and_migrate.sh install      SOURCE BUILD WORK PG_ENV   Retort from `cmake --install` into a clean prefix
#   build_and_migrate.sh subdirectory SOURCE BUILD WORK PG_ENV   Retort's sources through add_subdirectory,
#                                     with RETORT_STATIC_RUNNER OFF (one dynamically linked runner)
#   build_and_migrate.sh fetchcontent SOURCE BUILD WORK PG_ENV   Retort's sources through FetchContent
#   build_and_migrate.sh package      SOURCE BUILD WORK PG_ENV   `cpack -G DEB`, `apt-get install ./retort_….deb`,
#                                     a copy of the example outside the source tree, purged at the end
set -euo pipefail
mode=$1 source=$2 retort_build=$3 work=$4 pg_env=$5
set -a; source "$pg_env"; set +a
rm -rf "$work"
mkdir -p "$work"
# The source modes compile Retort again; ccache (which the main build warmed) keeps that short.
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
say() { printf '== %s\n' "$*"; }
fail() { printf 'FAIL: %s\n' "$*" >&2; exit 1; }
consumer=$source/examples/consumer
cleanup=()
trap 'for c in "${cleanup[@]}"; do eval "$c" || true; done' EXIT

case $mode in
  install)
    say "cmake --install into a clean prefix"
    cmake --install "$retort_build" --prefix "$work/prefix" >/dev/null
    cmake -S "$consumer" -B "$work/build" -G Ninja -DCMAKE_BUILD_TYPE=Release "${launcher[@]}" \
      -DCMAKE_PREFIX_PATH="$work/prefix" >"$work/configure.log" || { cat "$work/configure.log"; exit 1; }
    found=$(grep '^Retort_DIR:' "$work/build/CMakeCache.txt")
    [[ $found == "Retort_DIR:PATH=$work/prefix/lib/cmake/Retort" ]] || fail "used another Retort: $found"
    ;;
  subdirectory)
    say "add_subdirectory of Retort's sources, RETORT_STATIC_RUNNER OFF"
    cmake -S "$consumer" -B "$work/build" -G Ninja -DCMAKE_BUILD_TYPE=Release "${launcher[@]}" \
      -DRETORT_SOURCE_DIR="$source" -DRETORT_STATIC_RUNNER=OFF >"$work/configure.log" || { cat "$work/configure.log"; exit 1; }
    ;;
  fetchcontent)
    say "FetchContent of Retort's sources"
    cmake -S "$consumer" -B "$work/build" -G Ninja -DCMAKE_BUILD_TYPE=Release "${launcher[@]}" \
      -DRETORT_SOURCE_DIR="$source" -DRETORT_FETCHCONTENT=ON >"$work/configure.log" || { cat "$work/configure.log"; exit 1; }
    ;;
  package)
    sudo=()
    [[ $(id -u) -eq 0 ]] || sudo=(sudo -n)
    apt=("${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -y -qq)
    purge() { "${apt[@]}" purge retort >/dev/null 2>&1 || true; }
    say "cpack -G DEB"
    (cd "$work" && cpack -G DEB --config "$retort_build/CPackConfig.cmake" -B "$work/package") >"$work/cpack.log" \
      || { cat "$work/cpack.log"; exit 1; }
    deb=$(ls "$work"/package/retort_*_"$(dpkg --print-architecture)".deb)
    [[ $(basename "$deb") =~ ^retort_[0-9]+\.[0-9]+\.[0-9]+_[a-z0-9]+\.deb$ ]] || fail "package name: $deb"
    say "apt-get install ./$(basename "$deb")"
    dpkg-query -W -f='${Status}' retort 2>/dev/null | grep -q "install ok installed" && purge
    cleanup+=("purge; [[ ! -e /usr/lib/cmake/Retort && ! -e /usr/bin/mkrev ]] || echo 'FAIL: Retort left in /usr' >&2")
    (cd "$work/package" && "${apt[@]}" install "./$(basename "$deb")") >"$work/apt.log" 2>&1 || { cat "$work/apt.log"; exit 1; }
    for f in /usr/bin/mkrev /usr/bin/retort-registry /usr/include/retort/migration.hpp /usr/lib/cmake/Retort/RetortConfig.cmake \
             /usr/share/man/man1/mkrev.1.gz /usr/share/man/man1/runner.1.gz /usr/share/bash-completion/completions/runner; do
      [[ -e $f ]] || fail "the package did not install $f"
    done
    zcat /usr/share/man/man1/runner.1.gz | grep -q '^\.SH' || fail "runner.1 is not a man page"
    # The example copied out of the source tree: only the installed Retort can be found.
    consumer=$work/consumer
    cp -r "$source/examples/consumer" "$consumer"
    cmake -S "$consumer" -B "$work/build" -G Ninja -DCMAKE_BUILD_TYPE=Release "${launcher[@]}" \
      -DCMAKE_EXPORT_COMPILE_COMMANDS=ON >"$work/configure.log" || { cat "$work/configure.log"; exit 1; }
    found=$(grep '^Retort_DIR:' "$work/build/CMakeCache.txt")
    [[ $found == "Retort_DIR:PATH=/usr/lib/cmake/Retort" ]] || fail "used another Retort: $found"
    grep -qE "$source/(dsl|runtime|generator|cmake)/" "$work/build/CMakeCache.txt" "$work/build/build.ninja" \
      "$work/build/compile_commands.json" && fail "the consumer's build names Retort's source tree"
    ;;
  *) echo "usage: build_and_migrate.sh install|subdirectory|fetchcontent|package SOURCE BUILD WORK PG_ENV" >&2; exit 2 ;;
esac
say "cmake --build"
cmake --build "$work/build" >"$work/build.log" || { cat "$work/build.log"; exit 1; }
# A static runner has no program interpreter and runs runner-online for the commands that connect.
interpreter() { readelf -l "$work/build/runner" | grep -q "program interpreter"; }
if [[ $mode == subdirectory ]]; then
  interpreter || fail "RETORT_STATIC_RUNNER OFF built a static runner"
  [[ ! -e $work/build/runner-online ]] || fail "RETORT_STATIC_RUNNER OFF built runner-online"
else
  interpreter && fail "the runner is not static"
  [[ -x $work/build/runner-online ]] || fail "no runner-online beside the static runner"
fi

db=consumer_$mode
export PGOPTIONS=--client-min-messages=warning
psql=("$PGBINDIR/psql" -X -q -v ON_ERROR_STOP=1 -h "$PGSOCKETDIR" -p "$PGPORT" -U postgres)
"${psql[@]}" -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db"
cleanup+=('"${psql[@]}" -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)"')
tables() { "${psql[@]}" -d "$db" -At -c "SELECT string_agg(tablename, ' ' ORDER BY tablename) FROM pg_tables WHERE schemaname = 'public'"; }

# The example's retort.ini names CONSUMER_DATABASE_URL and the version table consumer_version;
# the runner finds it from a subfolder of the project, as it would in a user's checkout.
export CONSUMER_DATABASE_URL="postgresql://$PGUSER:$PGPASSWORD@$PGHOST:$PGPORT/$db"
unset DATABASE_URL
runner=$work/build/runner
cd "$consumer/migrations"
say "runner config"
"$runner" config | tee "$work/config.txt"
grep -q "^version_table = consumer_version " "$work/config.txt" || fail "retort.ini was not read"
grep -q "$PGPASSWORD" "$work/config.txt" && fail "runner config printed the password"

say "runner upgrade head"
"$runner" upgrade head
[[ $(tables) == "consumer_version notes retort_history" ]] || fail "after upgrade head: tables $(tables)"
[[ $("$runner" current) == "e3a96c0f4d18 (head)" ]] || fail "current: $("$runner" current)"

if [[ $mode != subdirectory ]]; then
  say "a static runner without runner-online"
  mv "$work/build/runner-online" "$work/runner-online.away"
  set +e; err=$("$runner" current 2>&1 >/dev/null); rc=$?; set -e
  mv "$work/runner-online.away" "$work/build/runner-online"
  [[ $rc == 1 && $(wc -l <<<"$err") == 1 && $err == *"cannot find runner-online"*"$work/build/runner-online"* ]] \
    || fail "without runner-online: exit $rc, $err"
fi

say "runner downgrade base"
"$runner" downgrade base
[[ $(tables) == "consumer_version retort_history" ]] || fail "after downgrade base: tables $(tables)"
[[ -z $("$runner" current) ]] || fail "current after downgrade base is not empty"
say "ok"
