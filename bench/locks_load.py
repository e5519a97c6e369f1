#!/usr/bin/python3
"""Lock load test: how long application queries wait while a migration runs. See bench/README.md.

    bench/locks_load.py                      # pgbench -i -s 10 (1,000,000 rows), holder 10 s
    bench/locks_load.py --scale 1 --holder 4 --runner build/tests/bench_locks_runner --results=   # ctest

A throwaway PostgreSQL gets pgbench's tables; pgbench then reads and writes pgbench_accounts
continuously (several clients, every transaction in its latency log). A few seconds in, another
connection opens a transaction that reads the table and stays open --holder seconds (ACCESS
SHARE), and right after it has its lock the migration starts: the same four changes (a NOT NULL
column with a default, a foreign key, a unique constraint, an index) once as the naive DDL
Alembic emits, run by psql in one transaction, and once as Retort's revision bench/locks/ with
its recipes and its preflight (`runner upgrade head`, default settings). The figure is the longest
latency of a pgbench transaction that overlapped the migration. Expected: the naive maximum above
--naive-min (default half the holder time: 5 s for 10 s), Retort's below --retort-max (2 s). Exit
status 1 when either fails or a step errs.

A lock monitor samples pg_stat_activity every 100 ms for sessions waiting on a lock and who
blocks them; the results file lists, per run, the longest-seen waits with the waiting query, the
lock mode and the blocking statement, so a Retort maximum over the bound names its cause.
"""
import argparse
import datetime
import os
import shlex
import shutil
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench import HERE, ROOT, server  # noqa: E402

REVISIONS = os.path.join(HERE, "locks")
TABLE = "pgbench_accounts"

# What Debian's Alembic 1.8.1 prints (`--sql`) for op.add_column(sa.Column("tier", sa.Integer(),
# nullable=False, server_default="0")), op.create_foreign_key, op.create_unique_constraint and
# op.create_index with these names, run in one transaction as Alembic runs a migration on PostgreSQL.
NAIVE_SQL = f"""\
ALTER TABLE {TABLE} ADD COLUMN tier INTEGER DEFAULT '0' NOT NULL;
ALTER TABLE {TABLE} ADD CONSTRAINT fk_accounts_branch FOREIGN KEY(bid) REFERENCES pgbench_branches (bid);
ALTER TABLE {TABLE} ADD CONSTRAINT uq_accounts_bid_aid UNIQUE (bid, aid);
CREATE INDEX ix_accounts_bid ON {TABLE} (bid);
"""

# Both runs must leave the same schema behind: checked after each.
RESULT_CHECK = f"""\
SELECT (SELECT attnotnull FROM pg_attribute WHERE attrelid = '{TABLE}'::regclass AND attname = 'tier')
   AND (SELECT convalidated FROM pg_constraint WHERE conname = 'fk_accounts_branch' AND contype = 'f')
   AND (SELECT count(*) = 1 FROM pg_constraint WHERE conname = 'uq_accounts_bid_aid' AND contype = 'u')
   AND (SELECT indisvalid FROM pg_index WHERE indexrelid = 'ix_accounts_bid'::regclass)
"""

# Who waits for a lock in the benchmark's database, on what, behind whom (pg_blocking_pids).
MONITOR_SQL = """\
SELECT to_char(clock_timestamp(), 'HH24:MI:SS.MS'), extract(epoch FROM clock_timestamp()),
       w.pid, w.application_name, extract(epoch FROM clock_timestamp() - w.query_start),
       coalesce(l.mode, w.wait_event), coalesce(l.relation::regclass::text, l.locktype, ''),
       regexp_replace(left(w.query, 100), '\\s+', ' ', 'g'),
       b.pid, b.application_name, b.state, regexp_replace(left(b.query, 140), '\\s+', ' ', 'g')
FROM pg_stat_activity w
CROSS JOIN LATERAL unnest(pg_blocking_pids(w.pid)) AS bp(pid)
JOIN pg_stat_activity b ON b.pid = bp.pid
LEFT JOIN pg_locks l ON l.pid = w.pid AND NOT l.granted
WHERE w.datname = current_database() AND w.wait_event_type = 'Lock'
\\watch 0.1
"""


class load_error(Exception):
    pass


def log(text):
    print(text, file=sys.stderr, flush=True)


def run(cmd, env, capture=False, stdin=None):
    result = subprocess.run(cmd, env=env, text=True, input=stdin,
                            stdout=subprocess.PIPE if capture else subprocess.DEVNULL, stderr=subprocess.PIPE)
    if result.returncode != 0:
        raise load_error(f"failed ({result.returncode}): {' '.join(shlex.quote(c) for c in cmd)}\n"
                         f"{result.stderr.strip()}")
    return result.stdout


def psql(pg, database, sql, capture=True, env=None):
    return run(["psql", "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1", "-d", database, "-c", sql],
               env or pg.env, capture=capture)


def fmt(seconds):
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.2f} s"


# ---------------------------------------------------------------- the runner

def build_runner(source, work):
    """bench/project against `source` (Retort added with add_subdirectory) with bench/locks/."""
    build = os.path.join(work, "build")
    log(f"building bench_runner from {source} with {REVISIONS} ...")
    run(["cmake", "-S", os.path.join(source, "bench", "project"), "-B", build, "-G", "Ninja",
         "-DCMAKE_BUILD_TYPE=Release", f"-DBENCH_MIGRATIONS_DIR={REVISIONS}"], os.environ)
    run(["cmake", "--build", build, "--target", "bench_runner"], os.environ)
    return os.path.join(build, "bench_runner")


# ---------------------------------------------------------------- one run

class timed_lines:
    """Reads a process's output line by line in a thread, each line with its arrival time."""

    def __init__(self, stream):
        self.lines = []
        self.thread = threading.Thread(target=self._read, args=(stream,), daemon=True)
        self.thread.start()

    def _read(self, stream):
        for line in stream:
            self.lines.append((time.time(), line.rstrip("\n")))

    def join(self):
        self.thread.join()
        return self.lines


class transaction:
    __slots__ = ("client", "script", "start", "end", "latency")

    def __init__(self, fields):
        # client_id transaction_no latency_us script_no epoch_s epoch_us [schedule_lag_us]
        self.client, self.script = int(fields[0]), int(fields[3])
        self.latency = int(fields[2]) / 1e6
        self.end = int(fields[4]) + int(fields[5]) / 1e6
        self.start = self.end - self.latency


def read_pgbench_logs(prefix_dir):
    out = []
    for name in os.listdir(prefix_dir):
        if name.startswith("pgbench_log."):
            with open(os.path.join(prefix_dir, name)) as f:
                out += [transaction(line.split()) for line in f if line.strip()]
    return out


def wait_for_lock(pg, database, application, deadline):
    while time.monotonic() < deadline:
        held = psql(pg, database, "SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a USING (pid) "
                                  f"WHERE a.application_name = '{application}' AND l.granted "
                                  f"AND l.relation = '{TABLE}'::regclass")
        if held.strip() != "0":
            return
        time.sleep(0.05)
    raise load_error(f"the holder ({application}) never got its lock on {TABLE}")


def scenario(kind, pg, database, args, runner, work):
    """One migration under load; returns a dict of what was measured."""
    out_dir = os.path.join(work, kind)
    shutil.rmtree(out_dir, ignore_errors=True)
    os.makedirs(out_dir)
    rows = 100000 * args.scale
    read = os.path.join(out_dir, "read.sql")
    write = os.path.join(out_dir, "write.sql")
    with open(read, "w") as f:
        f.write(f"\\set aid random(1, {rows})\nSELECT abalance FROM {TABLE} WHERE aid = :aid;\n")
    with open(write, "w") as f:
        f.write(f"\\set aid random(1, {rows})\n\\set delta random(-5000, 5000)\n"
                f"UPDATE {TABLE} SET abalance = abalance + :delta WHERE aid = :aid;\n")
    env = dict(pg.env, PGAPPNAME="bench_load")
    # Scripts 0 (reads) and 1 (writes), 3:1; -R keeps the shared machine's CPU for the migration.
    # -T is only a ceiling: the run ends when the script terminates pgbench's connections.
    pgbench = subprocess.Popen(["pgbench", "-n", "-f", f"{read}@3", "-f", f"{write}@1", "-c", str(args.clients),
                                "-j", "2", "-R", str(args.rate), "-T", "3600", "-l",
                                "--log-prefix", os.path.join(out_dir, "pgbench_log"), database],
                               env=env, stdout=subprocess.DEVNULL, stderr=open(os.path.join(out_dir, "pgbench.err"), "w"))
    monitor = subprocess.Popen(["psql", "-X", "-q", "-At", "-F", "\t", "-d", database],
                               env=dict(pg.env, PGAPPNAME="bench_monitor"), stdin=subprocess.PIPE,
                               stdout=open(os.path.join(out_dir, "monitor.tsv"), "w"), stderr=subprocess.DEVNULL,
                               text=True)
    monitor.stdin.write(MONITOR_SQL)
    monitor.stdin.close()
    holder = None
    try:
        time.sleep(args.warmup)
        if pgbench.poll() is not None:
            raise load_error(f"pgbench stopped early: {open(os.path.join(out_dir, 'pgbench.err')).read()[-2000:]}")
        # What Retort will lock, from the live catalog (before the holder, so it costs the run nothing).
        plan_text = run([runner, "-d", pg.url(database), "plan"], pg.env, capture=True) if kind == "retort" else ""
        holder = subprocess.Popen(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", database],
                                  env=dict(pg.env, PGAPPNAME="bench_holder"), stdin=subprocess.PIPE,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        holder.stdin.write(f"BEGIN;\nSELECT count(*) FROM {TABLE} WHERE aid = 1;\n"
                           f"SELECT pg_sleep({args.holder});\nCOMMIT;\n")
        holder.stdin.close()
        held_from = time.time()
        wait_for_lock(pg, database, "bench_holder", time.monotonic() + 30)
        log(f"  {kind}: the holder has ACCESS SHARE on {TABLE} for {args.holder} s; migrating ...")
        started = time.time()
        if kind == "naive":
            migration = subprocess.Popen(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "--single-transaction",
                                          "-d", database, "-e"], env=dict(pg.env, PGAPPNAME="bench_migration"),
                                         stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                         text=True)
            migration.stdin.write(NAIVE_SQL)
            migration.stdin.close()
        else:
            migration = subprocess.Popen([runner, "-d", pg.url(database), "--echo", "upgrade", "head"],
                                         env=dict(pg.env, PGAPPNAME="bench_migration"),
                                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        output = timed_lines(migration.stdout)
        status = migration.wait()
        ended = time.time()
        lines = output.join()
        holder_status = holder.wait()
        time.sleep(args.tail)
    finally:
        # pgbench writes its logs and exits once its connections are gone (status 2: clients aborted).
        subprocess.run(["psql", "-X", "-q", "-At", "-d", database, "-c",
                        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                        "WHERE application_name IN ('bench_load', 'bench_holder') AND pid <> pg_backend_pid()"],
                       env=pg.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for p in (pgbench, holder):
            if p is not None:
                try:
                    p.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    p.kill()
                    p.wait()
        monitor.terminate()
        monitor.wait()
    if holder_status != 0:
        raise load_error(f"the holder failed: {holder.stderr.read()[-1000:]}")
    # A failed migration is a result too (its waits are measured and reported); the check fails.
    if status != 0:
        log(f"  {kind}: the migration failed ({status}): " + " | ".join(l for _, l in lines[-3:]))
    elif psql(pg, database, RESULT_CHECK).strip() != "t":
        raise load_error(f"the {kind} migration did not leave the expected column, constraints and index")
    transactions = read_pgbench_logs(out_dir)
    if not transactions or max(t.end for t in transactions) < ended:
        raise load_error(f"pgbench's log does not cover the {kind} migration (see {out_dir}/pgbench.err)")
    during = [t for t in transactions if t.end >= started and t.start <= ended]
    before = [t for t in transactions if t.end < held_from]
    worst = max(during, key=lambda t: t.latency)
    return {
        "kind": kind, "status": status, "wall": ended - started, "started": started, "ended": ended,
        "max": worst.latency, "worst": worst, "count": len(during),
        "reads": max((t.latency for t in during if t.script == 0), default=0.0),
        "writes": max((t.latency for t in during if t.script == 1), default=0.0),
        "over_1s": sum(1 for t in during if t.latency > 1.0),
        "baseline": max((t.latency for t in before), default=0.0),
        "output": [(at - started, line) for at, line in lines],
        "plan": plan_text,
        "waits": longest_waits(os.path.join(out_dir, "monitor.tsv"), started),
    }


def longest_waits(path, started, keep=8):
    """The monitor's samples folded per (waiting pid, query start): the longest wait seen of each."""
    waits = {}
    with open(path) as f:
        for line in f:
            cells = line.rstrip("\n").split("\t")
            if len(cells) != 12:
                continue
            key = (cells[2], cells[7])
            seen = float(cells[4] or 0)
            if key not in waits or seen > waits[key]["seconds"]:
                waits[key] = {"at": float(cells[1]) - started, "seconds": seen, "pid": cells[2],
                              "application": cells[3], "mode": cells[5], "relation": cells[6], "query": cells[7],
                              "blocker": f"pid {cells[8]} ({cells[9]}, {cells[10]}): {cells[11]}"}
    return sorted(waits.values(), key=lambda w: -w["seconds"])[:keep]


# ---------------------------------------------------------------- report

def retort_origin(args):
    """Which Retort ran: the runner given, or the source tree and its commit where it is a git checkout."""
    if args.runner:
        return f"runner: {os.path.abspath(args.runner)}"
    source = os.path.abspath(args.source)
    top = subprocess.run(["git", "-C", source, "rev-parse", "--show-toplevel"], capture_output=True, text=True)
    if top.returncode != 0 or os.path.realpath(top.stdout.strip()) != os.path.realpath(source):
        return f"Retort built from {source} (not a git checkout)"
    commit = subprocess.run(["git", "-C", source, "log", "-1", "--format=%h %s"], capture_output=True, text=True)
    return f"Retort built from {source} at {commit.stdout.strip()}"


def report(args, results, checks, info):
    lines = [
        f"## Lock load test, {datetime.datetime.now():%Y-%m-%d %H:%M}", "",
        f"`bench/locks_load.py {' '.join(shlex.quote(a) for a in sys.argv[1:])}`".replace("`bench/locks_load.py `",
                                                                                         "`bench/locks_load.py`"), "",
        f"- {info}; {retort_origin(args)}",
        f"- table: {TABLE}, {100000 * args.scale:,} rows (`pgbench -i -s {args.scale}`); load: {args.clients} clients, "
        f"{args.rate} transactions/s, reads:writes 3:1 by primary key; holder: ACCESS SHARE for {args.holder} s, "
        "the migration starts as soon as it holds it",
        "- max wait: the longest pgbench transaction latency among those overlapping the migration", "",
        "| migration | max wait | max read | max write | transactions > 1 s | transactions in the window "
        "| migration wall time | max before the holder |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    names = {"naive": "naive DDL (Alembic's SQL, psql, one transaction)",
             "retort": "Retort: recipes + preflight (`runner upgrade head`)"}
    for r in results:
        lines.append(f"| {names[r['kind']]} | {fmt(r['max'])} | {fmt(r['reads'])} | {fmt(r['writes'])} | "
                     f"{r['over_1s']} | {r['count']} | {fmt(r['wall'])}"
                     f"{'' if r['status'] == 0 else ' (failed, exit %d)' % r['status']} | {fmt(r['baseline'])} |")
    lines += ["", "Expectations: " + ", ".join(f"{name}: {'met' if ok else 'NOT met'}" for name, ok in checks), ""]
    for r in results:
        w = r["worst"]
        lines += [f"### {names[r['kind']]}", "",
                  f"Longest transaction: {'read' if w.script == 0 else 'write'} of client {w.client}, "
                  f"{fmt(w.latency)}, from {w.start - r['started']:+.2f} s to {w.end - r['started']:+.2f} s "
                  "relative to the migration's start.", "",
                  "Longest lock waits the monitor saw (seconds from the migration's start):", ""]
        if r["waits"]:
            lines += ["| at | waited | waiting | lock | on | blocked by |", "|---:|---:|---|---|---|---|"]
            for x in r["waits"]:
                lines.append(f"| {x['at']:+.2f} s | {fmt(x['seconds'])} | {x['application']}: `{x['query']}` | "
                             f"{x['mode']} | {x['relation']} | `{x['blocker']}` |")
        else:
            lines.append("(none)")
        lines += ["", "Migration output (seconds from its start):", "", "```"]
        lines += [f"{at:7.2f}  {text if len(text) <= 200 else text[:200] + ' ...'}" for at, text in r["output"]]
        lines += ["```", ""]
        if r["plan"]:
            lines += ["`runner plan` before the holder started:", "", "```", r["plan"].rstrip(), "```", ""]
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description="pgbench load while a migration takes its locks")
    parser.add_argument("--scale", type=int, default=10, help="pgbench -i -s (100,000 rows each)")
    parser.add_argument("--holder", type=float, default=10.0, help="seconds the ACCESS SHARE holder stays")
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--rate", type=int, default=200, help="pgbench -R, transactions per second in all")
    parser.add_argument("--warmup", type=float, default=3.0, help="seconds of load before the holder starts")
    parser.add_argument("--tail", type=float, default=2.0, help="seconds of load after the migration")
    parser.add_argument("--naive-min", type=float, help="the naive maximum must exceed this (default holder / 2)")
    parser.add_argument("--retort-max", type=float, default=2.0, help="Retort's maximum must stay below this")
    parser.add_argument("--source", default=ROOT, help="the Retort tree to build the runner against "
                                                       "(default: the one this script is in)")
    parser.add_argument("--runner", help="a runner already built from bench/locks/ (skips the build)")
    parser.add_argument("--work", default=os.path.join(ROOT, "build", "bench-locks"))
    parser.add_argument("--results", default=os.path.join(HERE, "results"), help="folder for the results file "
                                                                                  "('' to write none)")
    args = parser.parse_args()
    naive_min = args.holder / 2 if args.naive_min is None else args.naive_min
    for tool in ("cmake", "ninja"):
        if not args.runner and not shutil.which(tool):
            raise load_error(f"{tool} is missing (tools/setup installs it)")
    os.makedirs(args.work, exist_ok=True)
    runner = os.path.abspath(args.runner) if args.runner else build_runner(os.path.abspath(args.source), args.work)

    pg_dir = os.path.join(args.work, "postgres")
    run([os.path.join(ROOT, "tools", "throwaway-postgres"), "stop", pg_dir], os.environ)
    pg = server(pg_dir)
    results = []
    try:
        if not shutil.which("pgbench", path=pg.env["PATH"]):
            raise load_error("pgbench is missing (Debian's postgresql-contrib / postgresql ships it)")
        log(f"pgbench -i -s {args.scale} ...")
        psql(pg, "postgres", "CREATE DATABASE load_template", capture=False)
        run(["pgbench", "-i", "-q", "-s", str(args.scale), "load_template"], pg.env)
        for kind in ("naive", "retort"):
            psql(pg, "postgres", f"CREATE DATABASE {kind} TEMPLATE load_template", capture=False)
            psql(pg, kind, "VACUUM ANALYZE", capture=False)
            results.append(scenario(kind, pg, kind, args, runner, args.work))
        info = psql(pg, "postgres", "SELECT version()").strip().split(" on ")[0]
    finally:
        pg.stop()

    naive, retort = results
    checks = [(f"{r['kind']} migration completed", r["status"] == 0) for r in results]
    checks += [(f"naive max wait > {fmt(naive_min)} ({fmt(naive['max'])})", naive["max"] > naive_min),
              (f"Retort max wait < {fmt(args.retort_max)} ({fmt(retort['max'])})", retort["max"] < args.retort_max)]
    text = report(args, results, checks, info)
    print(text)
    if args.results:
        os.makedirs(args.results, exist_ok=True)
        path = os.path.join(args.results, f"{datetime.datetime.now():%Y-%m-%d-%H%M}-locks.md")
        with open(path, "w") as f:
            f.write(text + "\n")
        log(f"written to {path}")
    return 0 if all(ok for _, ok in checks) else 1


if __name__ == "__main__":
    try:
        sys.exit(main())
    except load_error as e:
        log(f"bench/locks_load: {e}")
        sys.exit(1)
