#!/usr/bin/python3
"""Fleet benchmark: one `runner upgrade head --targets` over many databases on three local
servers, against a shell loop of one runner per target and a shell loop of Alembic per target;
then tenant schemas of one database (`--schemas-sql`).

    bench/fleet.py [--targets 1000] [--schemas 200] [--jobs 16] [--work build/bench-fleet]

Each target gets the same 4 revisions (bench/generate.py, linear, 4: a table and an index each).
The no-op run (everything at head) is set beside the machine's floor for it: pgbench opening the
same number of connections, --jobs at a time, each sending the two statements an at-head target
costs (the session settings and the version-table read), so what is the server's connection cost
and what is Retort's shows. Prints a table (wall seconds, targets/s, ratios) and the runner's peak
memory during the fleet run, and writes it to bench/results/<date>-<time>-fleet.md.
"""
import argparse
import datetime
import os
import shlex
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench import ALEMBIC, ROOT, HERE, project, server  # noqa: E402


def timed(command, env=None):
    started = time.monotonic()
    result = subprocess.run(command, shell=True, capture_output=True, text=True, env=env)
    elapsed = time.monotonic() - started
    if result.returncode != 0:
        sys.exit("bench/fleet: failed: %s\n%s" % (command[:200], result.stderr[-2000:]))
    return elapsed, result


class generated:
    """The generated 4-revision project without building its runner (--runner gives one)."""

    def __init__(self, work):
        out = os.path.join(work, "linear_4")
        subprocess.run([sys.executable, os.path.join(HERE, "generate.py"), "--shape", "linear", "--count", "4",
                        "--out", out], check=True, stdout=subprocess.DEVNULL)
        self.alembic_ini = os.path.join(out, "alembic", "alembic.ini")
        self.runner = None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--targets", type=int, default=1000)
    parser.add_argument("--schemas", type=int, default=200, help="tenant schemas in one database (0: none)")
    parser.add_argument("--jobs", type=int, default=16)
    parser.add_argument("--loop-sample", type=int, default=100,
                        help="targets the shell loops run (their time is scaled to --targets)")
    parser.add_argument("--work", default=os.path.join(ROOT, "build", "bench-fleet"))
    parser.add_argument("--runner", help="use this runner instead of building one from the generated revisions "
                                         "(e.g. build/runner: the example's 4 revisions); Alembic still runs the "
                                         "generated ones")
    args = parser.parse_args()
    os.makedirs(args.work, exist_ok=True)
    p = generated(args.work) if args.runner else project(args.work, "linear", 4, os.cpu_count() or 2)
    if args.runner:
        p.runner = os.path.abspath(args.runner)
    servers = [server(os.path.join(args.work, "pg%d" % i)) for i in range(3)]
    try:
        rows = run(args, p, servers)
    finally:
        for s in servers:
            s.stop()
    stamp = datetime.datetime.now().strftime("%Y-%m-%d-%H%M")
    text = "\n".join(rows) + "\n"
    print(text)
    with open(os.path.join(HERE, "results", stamp + "-fleet.md"), "w") as f:
        f.write("# Fleet benchmark %s\n\n`bench/fleet.py --targets %d --jobs %d`\n\n%s"
                % (stamp, args.targets, args.jobs, text))


def run(args, p, servers):
    names = ["f%04d" % i for i in range(args.targets)]
    home = {n: servers[i % 3] for i, n in enumerate(names)}
    for s in servers:
        mine = [n for n in names if home[n] is s]
        script = "".join("CREATE DATABASE %s;\n" % n for n in mine)
        subprocess.run(["psql", "-X", "-q", "-d", "postgres"], input=script, text=True, env=s.env, check=True)
    targets = os.path.join(args.work, "targets.tsv")
    with open(targets, "w") as f:
        for n in names:
            f.write("%s\t%s\n" % (n, home[n].url(n)))
    runner = p.runner
    env = dict(os.environ)
    env.pop("DATABASE_URL", None)

    def downgrade_all():
        timed("%s downgrade base --targets %s --jobs %d -q" % (runner, targets, args.jobs), env)

    fleet_cmd = "%s upgrade head --targets %s --jobs %d -q" % (runner, targets, args.jobs)
    t_fleet, _ = timed("/usr/bin/time -f %%M -o %s/rss %s" % (args.work, fleet_cmd), env)
    rss_mb = int(open(os.path.join(args.work, "rss")).read().split()[-1]) / 1024
    t_noop, _ = timed(fleet_cmd, env)
    t_floor = connection_floor(servers, [[n for n in names if home[n] is s][0] for s in servers], args)
    downgrade_all()

    sample = names[:args.loop_sample]
    loop = "".join("%s -q -d %s upgrade head\n" % (runner, shlex.quote(home[n].url(n))) for n in sample)
    t_loop, _ = timed(loop, env)
    t_loop *= args.targets / len(sample)
    downgrade_all()

    alembic = "".join("BENCH_ALEMBIC_URL=%s %s -c %s upgrade head\n"
                      % (shlex.quote(home[n].url(n)), ALEMBIC, shlex.quote(p.alembic_ini)) for n in sample)
    t_alembic, _ = timed(alembic, env)
    t_alembic *= args.targets / len(sample)

    schema_rows = tenant_schemas(args, runner, servers[0], env) if args.schemas else []

    n = args.targets
    return [
        "| %d targets, 4 revisions each, 3 local servers | wall s | targets/s | vs fleet |" % n,
        "|---|---|---|---|",
        "| `runner upgrade head --targets F --jobs %d` | %.2f | %.0f | 1.0× |" % (args.jobs, t_fleet, n / t_fleet),
        "| the same, everything already at head (no-op) | %.2f | %.0f | %.1f× |" % (t_noop, n / t_noop, t_noop / t_fleet),
        "| floor: pgbench opening %d connections, %d at a time, the same 2 statements each | %.2f | %.0f | %.1f× |"
        % (n, args.jobs, t_floor, n / t_floor, t_floor / t_fleet),
        "| shell loop, one `runner upgrade head` per target (%d run, scaled) | %.2f | %.0f | %.1f× |"
        % (len(sample), t_loop, n / t_loop, t_loop / t_fleet),
        "| shell loop, one `alembic upgrade head` per target (%d run, scaled) | %.2f | %.0f | %.1f× |"
        % (len(sample), t_alembic, n / t_alembic, t_alembic / t_fleet),
        "",
        "No-op over the floor: %.2f× (the rest of a no-op is the servers starting a backend per connection)."
        % (t_noop / t_floor),
        "",
    ] + schema_rows + [
        "Peak memory of the runner during the fleet run: %.1f MB" % rss_mb,
    ]


def connection_floor(servers, databases, args):
    """pgbench -C: `targets` connections in all, `jobs` at a time spread over the servers (one
    at-head target database on each), each sending what an at-head target sends. The servers'
    cost of a connection, without Retort."""
    script = os.path.join(args.work, "at_goal.sql")
    with open(script, "w") as f:
        f.write("SET standard_conforming_strings = on; SET client_connection_check_interval = '1s';\n"
                "SELECT version_num FROM retort_version ORDER BY version_num;\n")
    clients = max(1, args.jobs // len(servers))
    each = max(1, args.targets // (len(servers) * clients))
    started = time.monotonic()
    running = [subprocess.Popen(["pgbench", "-n", "-C", "-f", script, "-c", str(clients), "-j", str(min(clients, 2)),
                                 "-t", str(each)], env=dict(s.env, PGDATABASE=database),
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
               for s, database in zip(servers, databases)]
    for p in running:
        if p.wait() != 0:
            sys.exit("bench/fleet: pgbench failed: %s" % p.stderr.read()[-2000:])
    elapsed = time.monotonic() - started
    return elapsed * args.targets / (len(servers) * clients * each)


def tenant_schemas(args, runner, s, env):
    """Tenant schemas of one database: the whole upgrade and the no-op (read in one query)."""
    script = "CREATE DATABASE tenants;\n"
    subprocess.run(["psql", "-X", "-q", "-d", "postgres"], input=script, text=True, env=s.env, check=True)
    script = "".join("CREATE SCHEMA tenant_%04d;\n" % i for i in range(args.schemas))
    subprocess.run(["psql", "-X", "-q", "-d", "tenants"], input=script, text=True, env=s.env, check=True)
    query = "SELECT nspname FROM pg_namespace WHERE nspname LIKE 'tenant\\_%' ORDER BY 1"
    cmd = "%s -d %s upgrade head --schemas-sql %s --jobs %d -q" % (runner, shlex.quote(s.url("tenants")),
                                                                    shlex.quote(query), args.jobs)
    t_up, _ = timed(cmd, env)
    t_noop, _ = timed(cmd, env)
    m = args.schemas
    return [
        "| %d tenant schemas in one database | wall s | targets/s | vs upgrade |" % m,
        "|---|---|---|---|",
        "| `runner -d URL upgrade head --schemas-sql Q --jobs %d` | %.2f | %.0f | 1.0× |" % (args.jobs, t_up, m / t_up),
        "| the same, every schema already at head (no-op: one connection, one query) | %.2f | %.0f | %.3f× |"
        % (t_noop, m / t_noop, t_noop / t_up),
        "",
    ]


if __name__ == "__main__":
    main()
