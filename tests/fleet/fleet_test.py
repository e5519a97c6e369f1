#!/usr/bin/python3
"""Fleet mode against real servers: three PostgreSQL servers on loopback, databases spread over
them plus a schema-per-tenant database, a control database for --targets-sql and --coordinate.

    fleet_test.py RUNNER SOURCE_DIR WORKDIR [--databases N] [--schemas M]

Each check prints one line; the first failure stops the test with exit 1.
"""
import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import time

import psycopg2

HEAD = "712d8a8b62fc"  # the example project's head (migrations/)
REVISIONS = 4


def fail(message):
    print("FAIL: " + message)
    sys.exit(1)


def check(condition, message):
    if not condition:
        fail(message)
    print("ok: " + message)


class Server:
    def __init__(self, tools, workdir, name):
        self.dir = os.path.join(workdir, name)
        subprocess.run([os.path.join(tools, "throwaway-postgres"), "start", self.dir], check=True,
                       stdout=subprocess.DEVNULL)
        env = dict(line.split("=", 1) for line in open(os.path.join(self.dir, "env")).read().split())
        self.port, self.password, self.bin = env["PGPORT"], env["PGPASSWORD"], env["PGBINDIR"]
        self.log = os.path.join(self.dir, "server", "server.log")

    def url(self, db):
        return "postgresql://postgres:%s@127.0.0.1:%s/%s" % (self.password, self.port, db)

    def connect(self, db="postgres"):
        conn = psycopg2.connect(host="127.0.0.1", port=self.port, user="postgres", password=self.password, dbname=db)
        conn.autocommit = True
        return conn

    def sql(self, db, statement, *args):
        conn = self.connect(db)
        try:
            with conn.cursor() as cur:
                cur.execute(statement, args or None)
                return cur.fetchall() if cur.description else []
        finally:
            conn.close()

    def stop(self):
        subprocess.run(["runuser", "-u", "postgres", "--", self.bin + "/pg_ctl", "-D", self.dir + "/data", "-m",
                        "immediate", "stop"], check=True, stdout=subprocess.DEVNULL)

    def restart(self):
        # The socket folder, listen address and fsync are in postgresql.conf (tools/throwaway-postgres).
        subprocess.run(["runuser", "-u", "postgres", "--", self.bin + "/pg_ctl", "-D", self.dir + "/data", "-w", "-l",
                        self.log, "start", "-o", "-p %s" % self.port], check=True, stdout=subprocess.DEVNULL)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("runner")
    parser.add_argument("source_dir")
    parser.add_argument("workdir")
    parser.add_argument("--databases", type=int, default=100)
    parser.add_argument("--schemas", type=int, default=50)
    args = parser.parse_args()
    tools = os.path.join(args.source_dir, "tools")
    shutil.rmtree(args.workdir, ignore_errors=True)
    os.makedirs(args.workdir)
    servers = [Server(tools, args.workdir, name) for name in ("pg_a", "pg_b", "pg_c")]
    try:
        run_checks(args, servers)
    finally:
        for s in servers:
            subprocess.run([os.path.join(tools, "throwaway-postgres"), "stop", s.dir], stdout=subprocess.DEVNULL)
    print("fleet: all checks passed")


def runner(args, *argv, env_extra=None, background=False):
    env = dict(os.environ)
    env.pop("DATABASE_URL", None)
    env.update(env_extra or {})
    command = [args.runner] + list(argv)
    if background:
        return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    return subprocess.run(command, capture_output=True, text=True, env=env)


def version(server, db, schema="public"):
    try:
        rows = server.sql(db, "SELECT version_num FROM %s.retort_version" % schema)
    except psycopg2.Error:
        return None
    return [r[0] for r in rows]


def upgrades_per_revision(server, db, since=0.0):
    rows = server.sql(db, "SELECT revision, count(*) FROM retort_history WHERE direction = 'upgrade' "
                          "AND started_at >= to_timestamp(%s) GROUP BY revision", since)
    return {r[0]: r[1] for r in rows}


def consistent(server, db):
    """The tables and columns a database has are exactly what its version row says: nothing half-applied."""
    v = version(server, db)
    tables = {r[0] for r in server.sql(db, "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")}
    columns = {r[0] for r in server.sql(db, "SELECT column_name FROM information_schema.columns WHERE "
                                            "table_name = 'users'")}
    order = ["3f2a9c1e7b04", "8d41b6e0c2a7", "c05e7a93f1d2", HEAD]
    level = 0 if not v else order.index(v[0]) + 1
    return (("users" in tables) == (level >= 1) and ("orders" in tables) == (level >= 2)
            and ("display_name" in columns) == (level >= 3) and ("handle" in columns) == (level >= 4))


def no_password(servers, *texts):
    return all(s.password not in t for s in servers for t in texts)


def run_checks(args, servers):
    a, b, c = servers
    names = ["t%03d" % i for i in range(args.databases)]
    home = {n: servers[i % 3] for i, n in enumerate(names)}
    for n in names:
        home[n].sql("postgres", "CREATE DATABASE " + n)
    b.sql("postgres", "CREATE DATABASE control")
    a.sql("postgres", "CREATE DATABASE tenants")
    schemas = ["tenant_%02d" % i for i in range(args.schemas)]
    for s in schemas:
        a.sql("tenants", "CREATE SCHEMA " + s)
    work = args.workdir
    targets = os.path.join(work, "targets.tsv")
    with open(targets, "w") as f:
        f.write("# every tenant database\n\n")
        for n in names:
            f.write("%s\t%s\n" % (n, home[n].url(n)))
    report = os.path.join(work, "report.json")

    # 1. The whole fleet; one target with a conflicting table fails alone.
    conflict = names[len(names) // 2]
    home[conflict].sql(conflict, "CREATE TABLE users (id integer)")
    r = runner(args, "upgrade", "head", "--targets", targets, "--jobs", "8", "--report", report)
    check(r.returncode == 9, "a fleet with one failing target exits 9 (%d: %s)" % (r.returncode, r.stderr[-300:]))
    doc = json.load(open(report))
    check(doc["format"] == 1 and doc["command"] == "upgrade" and len(doc["records"]) == len(names),
          "the report has a format version and a record per target")
    by_name = {rec["name"]: rec for rec in doc["records"]}
    bad = by_name[conflict]
    check(bad["status"] == "failed" and bad["error"]["sqlstate"] == "42P07" and "users" in bad["error"]["message"],
          "the conflicting target is failed with its error and SQLSTATE")
    check(all(rec["status"] == "ok" and rec["after"] == [HEAD] and rec["steps"] == REVISIONS
              for n, rec in by_name.items() if n != conflict), "every other target is at head after 4 steps")
    check(all(version(home[n], n) == [HEAD] for n in names if n != conflict), "the databases agree with the report")
    check(no_password(servers, r.stdout, r.stderr, open(report).read()) and "***" in by_name[names[0]]["url"],
          "no password in the output or the report; urls are masked")
    check("ok             %d" % (len(names) - 1) in r.stdout and "failed         1" in r.stdout,
          "the summary table counts ok and failed targets")

    # 2. Resume: the same command again after the fix; at-head targets cost one connection, no lock.
    home[conflict].sql(conflict, "DROP TABLE users")
    a.sql("postgres", "ALTER SYSTEM SET log_statement = 'all'")
    a.sql("postgres", "ALTER SYSTEM SET log_line_prefix = '%d|'")
    a.sql("postgres", "SELECT pg_reload_conf()")
    log = a.log
    before = os.path.getsize(log)
    r = runner(args, "upgrade", "head", "--targets", targets, "--jobs", "8")
    check(r.returncode == 0, "re-running the same command finishes the failed target (%s)" % r.stderr[-300:])
    time.sleep(0.5)
    with open(log) as f:
        f.seek(before)
        lines = [l for l in f.read().splitlines() if l.startswith("t000|") and "statement:" in l]
    check(len(lines) <= 2 and not any("advisory" in l or "pg_backend_pid" in l for l in lines),
          "a target already at head costs one connection and at most two statements, no lock, no pooler probe: %s"
          % lines)
    a.sql("postgres", "ALTER SYSTEM RESET log_statement")
    a.sql("postgres", "SELECT pg_reload_conf()")
    once = {rev: 1 for rev in ["3f2a9c1e7b04", "8d41b6e0c2a7", "c05e7a93f1d2", HEAD]}
    check(all(upgrades_per_revision(home[n], n) == once for n in names),
          "every revision ran exactly once on every database")

    # 3. Schema per tenant: version and history tables in each schema.
    r = runner(args, "-d", a.url("tenants"), "upgrade", "head", "--schemas-sql",
               "SELECT nspname FROM pg_namespace WHERE nspname LIKE 'tenant\\_%' ORDER BY 1", "--jobs", "4")
    check(r.returncode == 0, "--schemas-sql migrates every tenant schema (%s)" % r.stderr[-300:])
    check(all(version(a, "tenants", s) == [HEAD] for s in schemas), "each tenant schema has its own version table")
    check(a.sql("tenants", "SELECT count(*) FROM pg_tables WHERE tablename = 'users'")[0][0] == len(schemas),
          "each tenant's tables are in its schema")
    # At head, the tenant schemas of one database are read through one connection, not one each.
    a.sql("postgres", "ALTER SYSTEM SET log_connections = on")
    a.sql("postgres", "SELECT pg_reload_conf()")
    before = os.path.getsize(a.log)
    r = runner(args, "-d", a.url("tenants"), "upgrade", "head", "--schemas", ",".join(schemas), "--jobs", "4")
    time.sleep(0.5)
    with open(a.log) as f:
        f.seek(before)
        opened = [l for l in f.read().splitlines() if "connection authorized" in l and "database=tenants" in l]
    a.sql("postgres", "ALTER SYSTEM RESET log_connections")
    a.sql("postgres", "SELECT pg_reload_conf()")
    check(r.returncode == 0 and len(opened) == 1,
          "%d tenant schemas at head cost one connection in all (%d seen)" % (len(schemas), len(opened)))
    a.sql("tenants", "DELETE FROM %s.retort_version" % schemas[1])
    r = runner(args, "-d", a.url("tenants"), "upgrade", "head", "--schemas", ",".join(schemas), "--report", report)
    doc = json.load(open(report))
    steps = {rec["schema"]: rec["steps"] for rec in doc["records"]}
    check(r.returncode == 9 and steps[schemas[1]] == 0 and doc["records"][1]["status"] == "failed"
          and all(steps[s] == 0 for s in schemas if s != schemas[1]),
          "a schema the batch read found behind runs on its own connection (and fails on its existing tables)")
    a.sql("tenants", "INSERT INTO %s.retort_version VALUES ('%s')" % (schemas[1], HEAD))
    r = runner(args, "-d", a.url("tenants"), "current", "--schemas", ",".join(schemas[:3]))
    check(r.returncode == 0, "current over --schemas a,b,c")

    # 3b. drift over a fleet: each target against what its own revisions build.
    drifted = names[3]
    home[drifted].sql(drifted, "CREATE INDEX ix_drift ON users (email)")
    r = runner(args, "drift", "--targets", targets, "--jobs", "8", "--report", report)
    doc = json.load(open(report))
    bad = [rec for rec in doc["records"] if rec["status"] != "ok"]
    check(r.returncode == 9 and [b["name"] for b in bad] == [drifted]
          and bad[0]["differences"] == ["+ index public.ix_drift"] and "schema drift: 1 difference" in r.stdout,
          "drift over the fleet names the one drifted database and its difference (exit 9)")
    home[drifted].sql(drifted, "DROP INDEX ix_drift")
    a.sql("tenants", "ALTER TABLE %s.users ADD COLUMN extra integer" % schemas[2])
    r = runner(args, "-d", a.url("tenants"), "drift", "--schemas", ",".join(schemas), "--jobs", "4",
               "--report", report)
    doc = json.load(open(report))
    bad = [rec for rec in doc["records"] if rec["status"] != "ok"]
    check(r.returncode == 9 and [b["schema"] for b in bad] == [schemas[2]]
          and bad[0]["differences"] == ["+ column %s.users.extra integer" % schemas[2]],
          "drift over tenant schemas compares each schema alone (other tenants' tables are not drift)")
    a.sql("tenants", "ALTER TABLE %s.users DROP COLUMN extra" % schemas[2])
    r = runner(args, "-d", a.url("tenants"), "drift", "--schemas", ",".join(schemas[:5]))
    check(r.returncode == 0, "without the extra column the tenant schemas show no drift")

    # 4. A server stopped in the middle: its remaining targets are unreachable; nothing half-applied.
    check(runner(args, "downgrade", "base", "--targets", targets, "--jobs", "8").returncode == 0,
          "the fleet goes down to base")
    on_c = [n for n in names if home[n] is c]
    p = runner(args, "upgrade", "head", "--targets", targets, "--jobs", "2", "--report", report, background=True)
    deadline = time.time() + 60
    while time.time() < deadline and sum(version(c, n) == [HEAD] for n in on_c[:8]) < 3:
        time.sleep(0.05)
    c.stop()
    out, err = p.communicate(timeout=300)
    doc = json.load(open(report))
    statuses = {rec["name"]: rec["status"] for rec in doc["records"]}
    check(p.returncode == 9 and any(statuses[n] == "unreachable" for n in on_c),
          "the stopped server's remaining targets are reported unreachable (exit %d)" % p.returncode)
    check(all(statuses[n] == "ok" for n in names if home[n] is not c), "the other servers' targets reached head")
    c.restart()
    check(all(consistent(c, n) for n in on_c), "nothing is half-applied on the stopped server's databases")
    r = runner(args, "upgrade", "head", "--targets", targets, "--jobs", "8")
    check(r.returncode == 0 and all(version(c, n) == [HEAD] for n in on_c),
          "the same command after the restart finishes them")

    # 5. --canary and --max-failures.
    small = os.path.join(work, "small.tsv")
    with open(small, "w") as f:
        for n in names[:10]:
            f.write("%s\t%s\n" % (n, home[n].url(n)))
    check(runner(args, "downgrade", "base", "--targets", small).returncode == 0, "ten targets back to base")
    home[names[1]].sql(names[1], "CREATE TABLE orders (id integer)")
    r = runner(args, "upgrade", "head", "--targets", small, "--canary", "3", "--report", report)
    doc = json.load(open(report))
    statuses = [rec["status"] for rec in doc["records"]]
    check(r.returncode == 9 and statuses[1] == "failed" and statuses[3:] == ["not_attempted"] * 7,
          "--canary 3: a failing canary stops the run before the others")
    r = runner(args, "upgrade", "head", "--targets", small, "--jobs", "1", "--max-failures", "1", "--report", report)
    doc = json.load(open(report))
    statuses = [rec["status"] for rec in doc["records"]]
    check(r.returncode == 9 and statuses[1] == "failed" and statuses[2:] == ["not_attempted"] * 8,
          "--max-failures 1: no new target starts after the first failure")
    check(version(home[names[5]], names[5]) in (None, []), "a target not attempted is untouched")
    home[names[1]].sql(names[1], "DROP TABLE orders")

    # 6. Targets from the control database, and bad input (exit 2, one line).
    b.sql("control", "CREATE TABLE tenants (name text, url text, active boolean)")
    for n in names[:10]:
        b.sql("control", "INSERT INTO tenants VALUES (%s, %s, true)", n, home[n].url(n))
    r = runner(args, "upgrade", "head", "--targets-sql", "SELECT name, url FROM tenants WHERE active",
               "--control", b.url("control"))
    check(r.returncode == 0, "--targets-sql with --control (%s)" % r.stderr[-300:])
    r = runner(args, "upgrade", "head", "--targets", os.path.join(work, "missing.tsv"))
    check(r.returncode == 2 and r.stderr.count("\n") == 1 and "cannot read" in r.stderr,
          "an unreadable targets file: exit 2, one line")
    r = runner(args, "upgrade", "head", "--targets-sql", "SELECT nope FROM nowhere", "--control", b.url("control"))
    check(r.returncode == 2 and r.stderr.count("\n") == 1 and "--targets-sql failed" in r.stderr
          and no_password(servers, r.stderr), "a failing targets query: exit 2, one line")
    dup = os.path.join(work, "dup.tsv")
    with open(dup, "w") as f:
        f.write("x\t%s\ny\t%s\n" % (a.url("t000"), "host=127.0.0.1 port=%s dbname=t000 user=postgres" % a.port))
    r = runner(args, "upgrade", "head", "--targets", dup)
    check(r.returncode == 2 and r.stderr.count("\n") == 1 and "the same database" in r.stderr,
          "a duplicate target: exit 2, one line")

    # 7. Two coordinated processes; one killed mid-run loses nothing.
    check(runner(args, "downgrade", "base", "--targets", targets, "--jobs", "8").returncode == 0,
          "the fleet goes down to base again")
    coordinated = ["upgrade", "head", "--targets", targets, "--jobs", "2", "--coordinate", "--control",
                   b.url("control")]
    since = time.time()
    p1 = runner(args, *coordinated, background=True)
    p2 = runner(args, *coordinated, background=True)
    deadline = time.time() + 60
    while time.time() < deadline:
        done = b.sql("control", "SELECT count(*) FROM retort_fleet WHERE status = 'ok'") if \
            b.sql("control", "SELECT to_regclass('retort_fleet') IS NOT NULL")[0][0] else [(0,)]
        if done[0][0] >= 10:
            break
        time.sleep(0.05)
    p1.send_signal(signal.SIGKILL)
    p1.wait()
    out, err = p2.communicate(timeout=300)
    if p2.returncode != 0:  # p1's in-flight claims may have been alive when p2 ran out of work
        r = runner(args, *coordinated)
        out, err = r.stdout, r.stderr
        check(r.returncode == 0, "re-running the coordinated command finishes the run (%s)" % err[-300:])
    else:
        check(True, "the surviving process took over the killed process's claims and finished the run")
    check(all(version(home[n], n) == [HEAD] for n in names), "every target is at head")
    check(all(upgrades_per_revision(home[n], n, since) == once for n in names),
          "every revision ran exactly once on every target (from each target's history table)")
    r = runner(args, "fleet-status", "--control", b.url("control"))
    check(r.returncode == 0 and "ok %d" % len(names) in r.stdout and no_password(servers, r.stdout, r.stderr),
          "fleet-status shows the run's progress from the control database")


if __name__ == "__main__":
    main()
