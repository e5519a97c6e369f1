#!/usr/bin/python3
"""Fleet benchmark: one `runner upgrade head --targets` over many databases on three local
servers, against a shell loop of one runner per target and a shell loop of Alembic per target.

    bench/fleet.py [--targets 1000] [--jobs 16] [--work build/bench-fleet]

Each target gets the same 4 revisions (bench/generate.py, linear, 4: a table and an index each).
Prints a table (wall seconds, targets/s, ratios) and the runner's peak memory during the fleet run,
and writes it to bench/results/<date>-<time>-fleet.md.
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

    n = args.targets
    return [
        "| %d targets, 4 revisions each, 3 local servers | wall s | targets/s | vs fleet |" % n,
        "|---|---|---|---|",
        "| `runner upgrade head --targets F --jobs %d` | %.2f | %.0f | 1.0× |" % (args.jobs, t_fleet, n / t_fleet),
        "| the same, everything already at head (no-op) | %.2f | %.0f | %.1f× |" % (t_noop, n / t_noop, t_noop / t_fleet),
        "| shell loop, one `runner upgrade head` per target (%d run, scaled) | %.2f | %.0f | %.1f× |"
        % (len(sample), t_loop, n / t_loop, t_loop / t_fleet),
        "| shell loop, one `alembic upgrade head` per target (%d run, scaled) | %.2f | %.0f | %.1f× |"
        % (len(sample), t_alembic, n / t_alembic, t_alembic / t_fleet),
        "",
        "Peak memory of the runner during the fleet run: %.1f MB" % rss_mb,
    ]


if __name__ == "__main__":
    main()
