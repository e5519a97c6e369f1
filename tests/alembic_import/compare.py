"""An imported Alembic project, applied by Retort beside the real Alembic on real PostgreSQL.

For every revision (in Alembic's order) both tools upgrade two fresh databases; the schemas
(pg_dump --schema-only, normalised only by dropping comments, SET lines, blank lines and
pg_dump's \\restrict tokens) and the version tables must be identical after every step, on the way
up and on the way back down. Then a database Alembic migrated halfway is finished by Retort and
walked back to base by Retort, compared with Alembic at each step. heads and history text must be
Alembic's. Prints what it compared; exits non-zero on the first difference.
"""
import argparse
import difflib
import os
import re
import subprocess
import sys

import psycopg2
from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory


def read_env(path):
    env = {}
    with open(path) as f:
        for line in f:
            if "=" in line:
                k, v = line.rstrip("\n").split("=", 1)
                env[k] = v
    return env


class Server:
    def __init__(self, env):
        self.env = env

    def url(self, db):
        e = self.env
        return f"postgresql://{e['PGUSER']}:{e['PGPASSWORD']}@{e['PGHOST']}:{e['PGPORT']}/{db}"

    def recreate(self, db):
        conn = psycopg2.connect(self.url("postgres"))
        conn.autocommit = True
        with conn.cursor() as cur:
            cur.execute(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')
            cur.execute(f'CREATE DATABASE "{db}"')
        conn.close()

    def drop(self, db):
        conn = psycopg2.connect(self.url("postgres"))
        conn.autocommit = True
        with conn.cursor() as cur:
            cur.execute(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')
        conn.close()

    def versions(self, db):
        conn = psycopg2.connect(self.url(db))
        with conn.cursor() as cur:
            cur.execute("SELECT to_regclass('alembic_version') IS NOT NULL")
            if not cur.fetchone()[0]:
                return []
            cur.execute("SELECT version_num FROM alembic_version ORDER BY 1")
            rows = [r[0] for r in cur.fetchall()]
        conn.close()
        return rows

    def schemas(self, *dbs):
        """pg_dump --schema-only of each database, the dumps running side by side."""
        # retort_history is Retort's own bookkeeping, which Alembic does not keep.
        procs = [subprocess.Popen([os.path.join(self.env["PGBINDIR"], "pg_dump"), "--schema-only", "-T",
                                   "public.retort_history", self.url(db)], stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, text=True) for db in dbs]
        dumps = []
        for proc in procs:
            out, err = proc.communicate()
            if proc.returncode != 0:
                sys.exit(f"FAILED: pg_dump: {err.strip()[-500:]}")
            dumps.append(normalise(out))
        return dumps


_RESTRICT = re.compile(r"^\\(un)?restrict\b")


def normalise(dump):
    lines = []
    for line in dump.splitlines():
        if not line.strip() or line.startswith("--") or line.startswith("SET ") or _RESTRICT.match(line):
            continue
        if line.startswith("SELECT pg_catalog.set_config('search_path'"):
            continue
        lines.append(line)
    return lines


def label_order(text):
    """Lines with the items of each parenthesised group sorted."""
    def sort_group(m):
        return "(" + ", ".join(sorted(m.group(1).split(", "))) + ")"
    return [re.sub(r"\(([^()]*)\)", sort_group, line) for line in text.splitlines()]


def run(argv, cwd=None, may_fail=False):
    proc = subprocess.run(argv, capture_output=True, text=True, cwd=cwd)
    if may_fail:
        return proc
    if proc.returncode != 0:
        sys.exit(f"FAILED: {' '.join(argv[:3])}...: {proc.stderr.strip()[-500:]}")
    return proc.stdout


class Tools:
    def __init__(self, runner, project, server):
        self.runner, self.project, self.server = runner, project, server

    def alembic(self, db, action, target, may_fail=False):
        """Alembic's own command, run in this process: starting Python and SQLAlchemy for each of
        the hundreds of steps would be most of the test's time."""
        config = Config(os.path.join(self.project, "alembic.ini"),
                        cmd_opts=argparse.Namespace(x=[f"url={self.server.url(db)}"]))
        try:
            getattr(command, action)(config, target)
        except Exception as exc:  # whatever the revision raised is Alembic's refusal
            if not may_fail:
                sys.exit(f"FAILED: alembic {action} {target}: {type(exc).__name__}: {exc}")
            return argparse.Namespace(returncode=1, stderr=f"{type(exc).__name__}: {exc}")
        return argparse.Namespace(returncode=0, stderr="")

    def retort(self, db, *args, may_fail=False):
        return run([self.runner, "-d", self.server.url(db), "--version-table", "alembic_version"] + list(args),
                   may_fail=may_fail)


def same(what, left, right):
    if left != right:
        diff = "\n".join(list(difflib.unified_diff(left, right, "alembic", "retort", lineterm=""))[:60])
        sys.exit(f"FAILED: {what} differs:\n{diff}")


def compare_state(tools, step, db_a, db_r, counter):
    same(f"schema after {step}", *tools.server.schemas(db_a, db_r))
    same(f"version table after {step}", tools.server.versions(db_a), tools.server.versions(db_r))
    counter[0] += 1


def walk_down(tools, order, db_a, db_r, label, compared):
    """Both databases down one target at a time (newest first), then to base, compared each step.

    A step that crosses an irreversible revision (a downgrade() that raises; op.irreversible in
    Retort) must be refused by both tools, changing nothing; both are then stamped past it, as a
    user would, and the walk goes on below it.
    """
    for target in [r for r in reversed(order)] + ["base"]:
        a = tools.alembic(db_a, "downgrade", target, may_fail=True)
        r = tools.retort(db_r, "downgrade", target, may_fail=True)
        if a.returncode != 0 or r.returncode != 0:
            if a.returncode == 0 or r.returncode != 1:
                sys.exit(f"FAILED: downgrade {target}: Alembic exited {a.returncode}, Retort {r.returncode} "
                         f"(both must refuse an irreversible revision): {(a.stderr + r.stderr).strip()[-500:]}")
            compare_state(tools, f"{label}refused downgrade {target}", db_a, db_r, compared)
            tools.alembic(db_a, "stamp", target)
            tools.retort(db_r, "stamp", target)
            compared[1] += 1
        compare_state(tools, f"{label}downgrade {target}", db_a, db_r, compared)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runner", required=True)
    ap.add_argument("--project", required=True)
    ap.add_argument("--pg-env", required=True)
    ap.add_argument("--name", required=True)
    args = ap.parse_args()

    sys.path.insert(0, os.path.abspath(args.project))  # the project's prepend_sys_path
    os.chdir(args.project)  # script_location = . in the project's alembic.ini
    server = Server(read_env(args.pg_env))
    tools = Tools(args.runner, args.project, server)
    script = ScriptDirectory.from_config(Config(os.path.join(args.project, "alembic.ini")))
    order = [r.revision for r in reversed(list(script.walk_revisions()))]
    compared = [0, 0]  # states compared, irreversible steps both tools refused

    db_a, db_r = f"imp_{args.name}_alembic", f"imp_{args.name}_retort"
    server.recreate(db_a)
    server.recreate(db_r)
    try:
        for rev in order:
            tools.alembic(db_a, "upgrade", rev)
            tools.retort(db_r, "upgrade", rev)
            compare_state(tools, f"upgrade {rev}", db_a, db_r, compared)
        walk_down(tools, order, db_a, db_r, "", compared)

        # Halfway by Alembic, finished and walked back by Retort.
        middle = order[len(order) // 2]
        server.recreate(db_r)
        tools.alembic(db_r, "upgrade", middle)
        tools.alembic(db_a, "upgrade", "heads")
        tools.retort(db_r, "upgrade", "heads")
        compare_state(tools, f"Alembic to {middle}, then Retort to heads", db_a, db_r, compared)
        walk_down(tools, order, db_a, db_r, "Retort walking back: ", compared)
    finally:
        server.drop(db_a)
        server.drop(db_r)
    # The graph as text: heads and history as Alembic prints them. Alembic keeps branch labels
    # in a set, so their order inside "(a, b)" changes with Python's hash seed; it is compared sorted.
    same("heads", label_order(run(["/usr/bin/alembic", "heads"], cwd=args.project)),
         label_order(run([args.runner, "heads"])))
    same("history", label_order(run(["/usr/bin/alembic", "history"], cwd=args.project)),
         label_order(run([args.runner, "history"])))
    print(f"{args.name}: {len(order)} revisions; schema and version table identical in {compared[0]} states; "
          f"{compared[1]} downgrades past an irreversible revision refused by both")


if __name__ == "__main__":
    main()
