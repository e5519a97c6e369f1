"""End to end: each fixture graph (written by mkrev, built into a runner) beside a real Alembic
on the same graph, each on its own scratch database of the test server. Compares the text of
heads, branches, history and current, and the version table, after a sequence of upgrades,
downgrades and stamps.

usage: end_to_end.py PG_ENV_FILE FIXTURE_DIR RUNNER [FIXTURE_DIR RUNNER ...]
"""
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile

import psycopg2

# Alembic reads revision files in os.listdir() order, which the filesystem decides; Retort reads
# them sorted by name. Pin Alembic to sorted order too, so both see the files alike.
ALEMBIC = [
    "/usr/bin/python3", "-c",
    "import os, sys; _l = os.listdir; os.listdir = lambda p='.': sorted(_l(p)); "
    "from alembic.config import main; main(argv=sys.argv[1:], prog='alembic')",
]

ENV_PY = '''
from alembic import context
from sqlalchemy import create_engine

url = context.config.get_main_option("sqlalchemy.url")
if context.is_offline_mode():
    context.configure(url=url, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()
else:
    with create_engine(url).connect() as connection:
        context.configure(connection=connection, transaction_per_migration=True)
        with context.begin_transaction():
            context.run_migrations()
'''

SCRIPT = '''"""{message}

Revision ID: {rid}
Revises: {revises}
Create Date: {created}

"""
revision = {rid!r}
down_revision = {down!r}
branch_labels = {labels!r}
depends_on = {deps!r}


def upgrade():
    pass


def downgrade():
    pass
'''


def read_env(path):
    env = {}
    for line in open(path):
        if "=" in line:
            k, v = line.rstrip("\n").split("=", 1)
            env[k] = v
    return env


def headers(fixture):
    out = []
    for name in sorted(os.listdir(fixture)):
        if not name.endswith(".cpp"):
            continue
        fields = {}
        for line in open(os.path.join(fixture, name)):
            m = re.match(r"// (revision|parents|branch_labels|depends_on|created|message):\s*(.*)$", line.rstrip("\n"))
            if m:
                fields[m.group(1)] = m.group(2)
        split = lambda key: [x for x in re.split(r"[,\s]+", fields.get(key, "")) if x]
        out.append((name[:-4], fields["revision"], split("parents"), split("branch_labels"), split("depends_on"),
                    fields.get("created", ""), fields.get("message", "")))
    return out


def as_scalar(items):
    if not items:
        return None
    return items[0] if len(items) == 1 else tuple(items)


def write_alembic_project(where, fixture, url):
    versions = os.path.join(where, "versions")
    os.makedirs(versions)
    with open(os.path.join(where, "env.py"), "w") as f:
        f.write(ENV_PY)
    with open(os.path.join(where, "alembic.ini"), "w") as f:
        f.write("[alembic]\nscript_location = %s\nsqlalchemy.url = %s\n" % (where, url.replace("%", "%%")))
    for stem, rid, parents, labels, deps, created, message in headers(fixture):
        with open(os.path.join(versions, stem + ".py"), "w") as f:
            f.write(SCRIPT.format(message=message, rid=rid, revises=", ".join(parents), created=created,
                                  down=as_scalar(parents), labels=as_scalar(labels), deps=as_scalar(deps)))
    return headers(fixture)


class Side:
    def __init__(self, name, argv, url, table):
        self.name, self.argv, self.url, self.table = name, argv, url, table

    def run(self, *args):
        p = subprocess.run(self.argv + list(args), capture_output=True, text=True, cwd=self.cwd)
        return p.returncode, p.stdout

    def rows(self):
        with psycopg2.connect(self.url) as conn, conn.cursor() as cur:
            cur.execute("SELECT to_regclass(%s)", (self.table,))
            if cur.fetchone()[0] is None:
                return []
            cur.execute("SELECT version_num FROM " + self.table)
            return sorted(r[0] for r in cur.fetchall())


def normalize(command, text):
    """Where Alembic prints a Python set (branch children, current revisions, several labels),
    its order is the set's; compare those lines as sets. Paths differ by design (.cpp, .py)."""
    text = re.sub(r"(?m)^Path: .*$", "Path:", text)
    # Alembic masks a URL's password as XXXXX, Retort as *** everywhere; the databases differ.
    text = re.sub(r"(?m)^Current revision\(s\) for .*:$", "Current revision(s) for URL:", text)
    text = re.sub(r"(?m)^Branches into: (.*)$", lambda m: "Branches into: " + ", ".join(sorted(m.group(1).split(", "))), text)
    if command == "current":
        return sorted(text.splitlines())
    if command == "branches":  # each run of "   -> child" lines is a set
        out, run = [], []
        for line in text.splitlines() + [""]:
            if re.match(r"^ +-> ", line):
                run.append(line)
                continue
            out += sorted(run) + [line]
            run = []
        return out
    return text


def compare(graph, fixture, runner, server_env):
    admin = "postgresql://%s:%s@%s:%s/postgres" % (server_env["PGUSER"], server_env["PGPASSWORD"],
                                                   server_env["PGHOST"], server_env["PGPORT"])
    dbs = ["e2e_%s_retort" % graph, "e2e_%s_alembic" % graph]
    conn = psycopg2.connect(admin)
    conn.autocommit = True
    for db in dbs:
        conn.cursor().execute('DROP DATABASE IF EXISTS "%s"' % db)
        conn.cursor().execute('CREATE DATABASE "%s"' % db)
    urls = [admin.rsplit("/", 1)[0] + "/" + db for db in dbs]
    tmp = tempfile.mkdtemp(prefix="retort-e2e-")
    compared, failures = 0, []
    try:
        revs = write_alembic_project(tmp, fixture, urls[1])
        retort = Side("retort", [runner, "-d", urls[0]], urls[0], "retort_version")
        alembic = Side("alembic", ALEMBIC + ["-c", os.path.join(tmp, "alembic.ini")], urls[1], "alembic_version")
        retort.cwd = alembic.cwd = tmp

        def check(*command):
            nonlocal compared
            a = retort.run(*command)
            b = alembic.run(*command)
            compared += 1
            ok_a, ok_b = a[0] == 0, b[0] == 0
            if ok_a != ok_b or (ok_a and normalize(command[0], a[1]) != normalize(command[0], b[1])):
                failures.append("%s: %s\n--- retort (exit %d)\n%s--- alembic (exit %d)\n%s" % (
                    graph, " ".join(command), a[0], a[1], b[0], b[1]))
            return ok_a

        def check_rows(after):
            nonlocal compared
            compared += 1
            if retort.rows() != alembic.rows():
                failures.append("%s: version rows after %s: retort %s, alembic %s" % (
                    graph, after, retort.rows(), alembic.rows()))

        for command in (["heads"], ["heads", "--verbose"], ["branches"], ["branches", "--verbose"], ["history"],
                        ["history", "--verbose"], ["show", "app@head"], ["current"]):
            check(*command)
        rnd = random.Random(graph)
        ids = [r[1] for r in revs]
        sequence = [["upgrade", rnd.choice(ids)], ["upgrade", "app@head"], ["downgrade", "app@-1"],
                    ["upgrade", "heads"], ["downgrade", rnd.choice(ids)[:8]], ["upgrade", "audit@+1"],
                    ["downgrade", "audit@base"], ["upgrade", rnd.choice(ids) + "+1"], ["stamp", rnd.choice(ids)],
                    ["downgrade", "base"], ["upgrade", "head"], ["stamp", "heads"], ["downgrade", rnd.choice(ids)],
                    ["stamp", "base"], ["upgrade", "app@+2"]]
        for command in sequence:
            check(*command)
            check_rows(" ".join(command))
            check("current")
        for command in (["history", "--indicate-current"], ["history", "-r", "app@base:app@head"], ["current", "-v"]):
            check(*command)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
        for db in dbs:
            conn.cursor().execute('DROP DATABASE IF EXISTS "%s" WITH (FORCE)' % db)
        conn.close()
    return compared, failures


def main():
    env = read_env(sys.argv[1])
    pairs = list(zip(sys.argv[2::2], sys.argv[3::2]))
    total, failures = 0, []
    for fixture, runner in pairs:
        compared, failed = compare(os.path.basename(fixture.rstrip("/")), fixture, runner, env)
        total += compared
        failures += failed
    for f in failures[:10]:
        print(f)
    print("end to end: %d graphs, %d outputs compared with Alembic, %d differences" % (len(pairs), total, len(failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
