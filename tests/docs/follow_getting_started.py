#!/usr/bin/python3
"""Follows docs/getting-started.md as a new user would, in a fresh HOME.

Runs every ```bash block of the document, in order, in one shell (so `cd` and `export` carry
over), stopping at the first failing command. ```sh blocks are shown to the reader but not run:
installing packages, and building Retort, which this test does from the build under test
(`cmake --install BUILD --prefix $HOME/.local`, the document's step 1). A ```cpp block preceded by
`<!-- getting-started-test: fill GLOB -->` replaces the empty upgrade()/downgrade() of the one
file matching GLOB, as the reader does in an editor.

usage: follow_getting_started.py DOC RETORT_BUILD WORK PG_ENV
"""
import glob
import os
import re
import shlex
import subprocess
import sys

FILL = re.compile(r"(?:<!-- getting-started-test: fill (\S+) -->\n)?```(\w+)\n(.*?)```", re.S)


def fill(pattern: str) -> None:
    matches = glob.glob(pattern)
    if len(matches) != 1:
        sys.exit(f"fill {pattern}: expected one file, found {matches}")
    text = open(matches[0]).read()
    start = text.index("void upgrade(")
    open(matches[0], "w").write(text[:start] + sys.stdin.read())


def script_of(doc: str) -> str:
    lines = ["set -euo pipefail", "PS4='$ '", "set -x"]
    for m in FILL.finditer(open(doc).read()):
        target, lang, body = m.group(1), m.group(2), m.group(3)
        if target:
            lines.append("{ set +x; } 2>/dev/null")
            lines.append(f"{shlex.quote(sys.executable)} {shlex.quote(os.path.abspath(__file__))} --fill "
                         f"{shlex.quote(target)} <<'RETORT_FILL'\n{body}RETORT_FILL")
            lines.append("set -x")
        elif lang == "bash":
            lines.append(body)
    return "\n".join(lines) + "\n"


def main() -> None:
    if sys.argv[1] == "--fill":
        fill(sys.argv[2])
        return
    doc, build, work, pg_env = sys.argv[1:5]
    env_file = dict(line.split("=", 1) for line in open(pg_env).read().split())
    subprocess.run(["rm", "-rf", work], check=True)
    home = os.path.join(work, "home")
    os.makedirs(home)

    psql = [os.path.join(env_file["PGBINDIR"], "psql"), "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1",
            "-h", env_file["PGSOCKETDIR"], "-p", env_file["PGPORT"], "-U", "postgres"]
    quiet = dict(os.environ, PGOPTIONS="--client-min-messages=warning")
    subprocess.run(psql + ["-d", "postgres", "-c", "DROP DATABASE IF EXISTS getting_started WITH (FORCE)",
                           "-c", "CREATE DATABASE getting_started"], check=True, env=quiet)
    try:
        # Step 1 of the document, from the build under test.
        subprocess.run(["cmake", "--install", build, "--prefix", os.path.join(home, ".local")], check=True,
                       stdout=subprocess.DEVNULL)
        env = {k: v for k, v in os.environ.items() if not k.startswith("PG") and k != "DATABASE_URL"}
        env.update(HOME=home, NO_COLOR="1",
                   DATABASE_URL="postgresql://postgres:{}@{}:{}/getting_started".format(
                       env_file["PGPASSWORD"], env_file["PGHOST"], env_file["PGPORT"]))
        result = subprocess.run(["bash", "-c", script_of(doc)], cwd=home, env=env)
        if result.returncode != 0:
            sys.exit(f"a command of {doc} failed (exit {result.returncode})")
        tables = subprocess.run(psql + ["-d", "getting_started", "-c",
                                        "SELECT string_agg(tablename, ' ' ORDER BY tablename) FROM pg_tables "
                                        "WHERE schemaname = 'public'"],
                                check=True, capture_output=True, text=True).stdout.strip()
        if tables != "retort_history retort_version users":
            sys.exit(f"after the document the database has tables '{tables}', expected 'retort_history retort_version users'")
        print("ok: followed", doc)
    finally:
        subprocess.run(psql + ["-d", "postgres", "-c", "DROP DATABASE IF EXISTS getting_started WITH (FORCE)"],
                       env=quiet)


if __name__ == "__main__":
    main()
