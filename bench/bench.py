#!/usr/bin/python3
"""Retort against Alembic and psql on the same synthetic revision graphs. See bench/README.md.

Run it through bench/run. For each shape and size it generates the graph (bench/generate.py),
builds a runner from it (bench/project), starts a throwaway PostgreSQL, times both tools with
hyperfine, and prints one markdown table, also written to bench/results/.
"""
import argparse
import datetime
import glob
import json
import os
import platform
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
PYTHON = "/usr/bin/python3"   # Debian's, the one that has alembic
ALEMBIC = "/usr/bin/alembic"
LIVE_LIMIT = 1000             # live upgrade/downgrade only up to this size (the scope)


class bench_error(Exception):
    pass


def log(text):
    print(text, file=sys.stderr, flush=True)


def run(cmd, env=None, cwd=None, capture=False):
    """Runs a command; a failure stops the benchmark with the command's own output."""
    result = subprocess.run(cmd, env=env, cwd=cwd, text=True,
                            stdout=subprocess.PIPE if capture else subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    if result.returncode != 0:
        shown = cmd if isinstance(cmd, str) else " ".join(shlex.quote(c) for c in cmd)
        raise bench_error(f"command failed ({result.returncode}): {shown}\n{result.stderr.strip()}")
    return result.stdout if capture else None


def sh(text, env=None, capture=False):
    return run(["bash", "-c", "set -euo pipefail; " + text], env=env, capture=capture)


# ---------------------------------------------------------------- timing

class timing:
    """Seconds of one command over several runs."""

    def __init__(self, times, cpu=0.0):
        self.times = sorted(times)
        self.cpu = cpu   # mean user + system seconds of the command and its children

    @property
    def median(self):
        return statistics.median(self.times)

    def cell(self):
        if len(self.times) == 1:
            return f"{fmt_seconds(self.times[0])} (1 run)"
        return f"{fmt_seconds(self.median)} ({fmt_seconds(self.times[0])}–{fmt_seconds(self.times[-1])})"


def fmt_seconds(s):
    if s < 1:
        return f"{s * 1000:.1f} ms"
    return f"{s:.2f} s"


def hyperfine(command, runs, env, prepare=None, warmup=0, shell=False):
    """Times `command` `runs` times with hyperfine; returns a timing. Without `shell` the command
    (and `prepare`) run directly, so no shell start-up is measured or subtracted; hyperfine sends
    their output to /dev/null either way."""
    with tempfile.NamedTemporaryFile(suffix=".json") as out:
        cmd = ["hyperfine", "--style", "none", "--runs", str(runs), "--warmup", str(warmup),
               "--export-json", out.name, command]
        if not shell:
            cmd[1:1] = ["-N"]
        if prepare:
            cmd[1:1] = ["--prepare", prepare]
        run(cmd, env=env)
        with open(out.name) as f:
            data = json.load(f)
    result = data["results"][0]
    if any(code != 0 for code in result.get("exit_codes", [])):
        raise bench_error(f"command failed under hyperfine: {command}")
    return timing(result["times"], result.get("user", 0.0) + result.get("system", 0.0))


def peak_memory_mb(command, env):
    """Peak resident memory of a shell line, from GNU time."""
    result = subprocess.run(["/usr/bin/time", "-f", "%M", "bash", "-c", "exec " + command + " >/dev/null"],
                            env=env, text=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    if result.returncode != 0:
        raise bench_error(f"command failed: {command}\n{result.stderr.strip()}")
    return int(result.stderr.strip().splitlines()[-1]) / 1024


# ---------------------------------------------------------------- PostgreSQL

class server:
    """A throwaway PostgreSQL (tools/throwaway-postgres) for the whole run."""

    def __init__(self, directory):
        self.directory = directory
        run([os.path.join(ROOT, "tools", "throwaway-postgres"), "start", directory])
        self.env = dict(os.environ)
        with open(os.path.join(directory, "env")) as f:
            for line in f:
                key, _, value = line.strip().partition("=")
                if key:
                    self.env[key] = value
        self.env["PATH"] = self.env["PGBINDIR"] + ":" + self.env["PATH"]

    def url(self, database):
        e = self.env
        return f"postgresql://{e['PGUSER']}:{e['PGPASSWORD']}@{e['PGHOST']}:{e['PGPORT']}/{database}"

    def psql(self, database="postgres"):
        return f"psql -X -q -v ON_ERROR_STOP=1 -d {database}"

    def recreate(self, database, template="template0"):
        """Shell line: an empty database (or a copy of `template`) under this name."""
        return (f"{self.psql()} -c 'DROP DATABASE IF EXISTS {database}' "
                f"-c 'CREATE DATABASE {database} TEMPLATE {template}'")

    def stop(self):
        run([os.path.join(ROOT, "tools", "throwaway-postgres"), "stop", self.directory])


# ---------------------------------------------------------------- one generated project

class project:
    def __init__(self, work, shape, count, jobs):
        self.shape, self.count = shape, count
        self.name = f"{shape}_{count}"
        self.dir = os.path.join(work, self.name)
        run([PYTHON, os.path.join(HERE, "generate.py"), "--shape", shape, "--count", str(count), "--out", self.dir])
        self.revisions = os.path.join(self.dir, "retort")
        self.alembic_ini = os.path.join(self.dir, "alembic", "alembic.ini")
        self.build = os.path.join(self.dir, "build")
        log(f"building the runner for {self.name} ...")
        configure(self.build, self.revisions)
        run(["cmake", "--build", self.build, "--parallel", str(jobs)])
        self.runner = os.path.join(self.build, "bench_runner")

    def retort(self, args):
        return f"{shlex.quote(self.runner)} {args}"

    def alembic(self, args):
        return f"{ALEMBIC} -c {shlex.quote(self.alembic_ini)} {args}"


def configure(build, revisions):
    run(["cmake", "-S", os.path.join(HERE, "project"), "-B", build, "-G", "Ninja",
         "-DCMAKE_BUILD_TYPE=Release", "-DCMAKE_EXPORT_COMPILE_COMMANDS=ON",
         f"-DBENCH_MIGRATIONS_DIR={revisions}"])


# ---------------------------------------------------------------- the measurements

class table:
    def __init__(self):
        self.rows = []

    def add(self, *cells):
        self.rows.append([str(c) for c in cells])

    def markdown(self, header):
        lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        lines += ["| " + " | ".join(r) + " |" for r in self.rows]
        return "\n".join(lines)


def ratio(slow, fast):
    return f"{slow.median / fast.median:.1f}×"


def measure_commands(p, pg, runs, results, checks):
    env = dict(pg.env)
    n = f"{p.count:,}"
    rdb, adb = f"r_{p.name}", f"a_{p.name}"
    env["DATABASE_URL"] = pg.url(rdb)
    env["BENCH_ALEMBIC_URL"] = pg.url(adb)

    def side_by_side(what, retort_args, alembic_args, target=None, prepare_r=None, prepare_a=None):
        log(f"  {p.name}: {what}")
        r = hyperfine(p.retort(retort_args), runs, env, prepare_r)
        a = hyperfine(p.alembic(alembic_args), runs, env, prepare_a)
        results.add(what, p.shape, n, r.cell() + f", CPU {fmt_seconds(r.cpu)}", a.cell() + f", CPU {fmt_seconds(a.cpu)}",
                    ratio(a, r), target or "")
        return r, a

    r, a = side_by_side("heads", "heads", "heads", "≥ 50×" if p.count >= 1000 else None)
    checks.append((f"heads {p.name} ≥ 50× Alembic", p.count < 1000 or a.median / r.median >= 50))
    if p.count >= 10000:
        checks.append((f"runner heads {p.name} ≤ 30 ms", r.median <= 0.030))
    r, a = side_by_side("history", "history", "history", "≥ 50×" if p.count >= 1000 else None)
    checks.append((f"history {p.name} ≥ 50× Alembic", p.count < 1000 or a.median / r.median >= 50))
    r, a = side_by_side("upgrade head --sql", "upgrade head --sql", "upgrade head --sql",
                        "≥ 20×" if p.count == 1000 else None)
    checks.append((f"upgrade --sql {p.name} ≥ 20× Alembic", p.count != 1000 or a.median / r.median >= 20))

    mem_r = peak_memory_mb(p.retort("heads"), env)
    mem_a = peak_memory_mb(p.alembic("heads"), env)
    results.add("peak memory, heads", p.shape, n, f"{mem_r:.1f} MB", f"{mem_a:.1f} MB", f"{mem_a / mem_r:.1f}×",
                "≤ 30 MB" if p.count >= 10000 else "")
    if p.count >= 10000:
        checks.append((f"runner heads {p.name} ≤ 30 MB", mem_r <= 30))
    mem_sql = peak_memory_mb(p.retort("upgrade head --sql"), env)
    mem_sql_a = peak_memory_mb(p.alembic("upgrade head --sql"), env)
    results.add("peak memory, upgrade head --sql", p.shape, n, f"{mem_sql:.1f} MB", f"{mem_sql_a:.1f} MB",
                f"{mem_sql_a / mem_sql:.1f}×", "")

    # Both databases at head, for `current` (and as templates for the downgrade runs).
    sh(pg.recreate(rdb), env)
    sh(pg.recreate(adb), env)
    live = p.count <= LIVE_LIMIT
    if live:
        sql_r = os.path.join(p.dir, "retort_upgrade.sql")
        sql_a = os.path.join(p.dir, "alembic_upgrade.sql")
        sh(p.retort("upgrade head --sql") + f" > {shlex.quote(sql_r)}", env)
        sh(p.alembic("upgrade head --sql") + f" > {shlex.quote(sql_a)}", env)
        log(f"  {p.name}: live upgrade head")
        r_up = hyperfine(p.retort("upgrade head"), runs, env, pg.recreate(rdb))
        a_up = hyperfine(p.alembic("upgrade head"), runs, env, pg.recreate(adb))
        psql_r = hyperfine(f"{pg.psql(rdb)} -h 127.0.0.1 -f {shlex.quote(sql_r)}", runs, env, pg.recreate(rdb))
        psql_a = hyperfine(f"{pg.psql(adb)} -h 127.0.0.1 -f {shlex.quote(sql_a)}", runs, env, pg.recreate(adb))
        results.add("upgrade head (live)", p.shape, n, r_up.cell(), a_up.cell(), ratio(a_up, r_up), "")
        results.add("psql -f of the tool's own upgrade SQL", p.shape, n, psql_r.cell(), psql_a.cell(),
                    ratio(psql_a, psql_r), "")
        results.add("live upgrade ÷ psql -f of its own SQL", p.shape, n,
                    f"{r_up.median / psql_r.median:.2f}×", f"{a_up.median / psql_a.median:.2f}×", "",
                    "Retort ≤ 1.10×" if p.count == 1000 else "")
        if p.count == 1000:
            checks.append((f"live upgrade {p.name} ≤ 1.1× psql -f", r_up.median / psql_r.median <= 1.1))
    if live:
        sh(p.retort("upgrade head 2>/dev/null"), env)
        sh(p.alembic("upgrade head"), env)
    else:
        # `current` reads the version table only: above the live sizes, write the head's row
        # the way each tool would have (a live upgrade of 10,000 tables is not what is measured).
        head = run([p.runner, "heads"], env=env, capture=True).split()[0]
        for db, table in ((rdb, "retort_version"), (adb, "alembic_version")):
            sh(f"{pg.psql(db)} -c 'CREATE TABLE {table} (version_num varchar(32) NOT NULL PRIMARY KEY)' "
               f"-c \"INSERT INTO {table} VALUES ('{head}')\"", env)
    side_by_side("current", "current", "current")
    if live:
        tr, ta = f"t_{rdb}", f"t_{adb}"
        sh(pg.recreate(tr, rdb), env)
        sh(pg.recreate(ta, adb), env)
        side_by_side("downgrade base (live)", "downgrade base", "downgrade base",
                     prepare_r=pg.recreate(rdb, tr), prepare_a=pg.recreate(adb, ta))
        sh(f"{pg.psql()} -c 'DROP DATABASE {tr}' -c 'DROP DATABASE {ta}'", env)
    sh(f"{pg.psql()} -c 'DROP DATABASE {rdb}' -c 'DROP DATABASE {adb}'", env)


def compile_command(build, source):
    """The compiler line CMake uses for `source`, without a launcher such as ccache. A revision
    file is compiled inside a batch (cmake/RetortMigrations.cmake): its line is the batches' line."""
    with open(os.path.join(build, "compile_commands.json")) as f:
        entries = json.load(f)
    exact = [e for e in entries if e["file"] == source]
    batches = [e for e in entries if "_batches/batch_" in e["file"]]
    for entry in exact or batches[:1]:
        args = shlex.split(entry["command"])
        while args and os.path.basename(args[0]) in ("ccache", "sccache"):
            args.pop(0)
        return args, entry["directory"]
    raise bench_error(f"{source} is not in {build}/compile_commands.json")


def batch_of(build, source):
    """The generated batch source that compiles `source`, and how many revision files it holds."""
    for lists in glob.glob(os.path.join(build, "*_batches", "batch_*.txt")):
        with open(lists) as f:
            members = [line.strip() for line in f if line.strip()]
        if source in members:
            return lists[:-4] + ".cpp", len(members)
    raise bench_error(f"{source} is in no batch under {build}")


def measure_build(p, runs, jobs, full_build, results, checks):
    n = f"{p.count:,}"
    env = dict(os.environ, CCACHE_DISABLE="1")
    # One revision file against a file including only <string> and <vector>, same compiler line.
    revision = sorted(f for f in os.listdir(p.revisions) if f.endswith(".cpp"))[0]
    revision = os.path.join(p.revisions, revision)
    args, _ = compile_command(p.build, revision)
    plain = os.path.join(p.dir, "string_vector.cpp")
    with open(plain, "w") as f:
        f.write("#include <string>\n#include <vector>\n")
    out = os.path.join(p.dir, "compile_probe.o")

    def without_pch(a):
        """The line without add_migrations' precompiled header (-Winvalid-pch -include cmake_pch.hxx)."""
        out_args, skip = [], False
        for k, x in enumerate(a):
            if skip:
                skip = False
                continue
            if x == "-include" and k + 1 < len(a) and "cmake_pch" in a[k + 1]:
                skip = True
                continue
            if x != "-Winvalid-pch":
                out_args.append(x)
        return out_args

    def line(source, a):
        a = list(a)
        a[a.index("-o") + 1] = out
        a[a.index("-c") + 1] = source
        return " ".join(shlex.quote(x) for x in a)   # CMake's paths are absolute: no cd needed

    log(f"  {p.name}: compile time of one revision")
    plain_args = without_pch(args)
    plain_t = hyperfine(line(plain, plain_args), max(runs, 5), env, warmup=1)
    flags = " ".join(x for x in plain_args[1:] if x.startswith(("-O", "-std", "-g", "-D")))
    variants = [("alone with add_migrations' flags (precompiled header)", args)] if plain_args != args else []
    variants.append(("without the precompiled header", plain_args))
    for label, a in variants:
        rev_t = hyperfine(line(revision, a), max(runs, 5), env, warmup=1)
        results.add(f"compile one revision, {label}, vs `<string>`+`<vector>` (`{flags}`)", p.shape, n,
                    rev_t.cell(), plain_t.cell(), f"{rev_t.median / plain_t.median:.2f}× of the plain file",
                    "≤ 1.5×")
        checks.append((f"one revision compiles {label} in ≤ 1.5× the <string>+<vector> file",
                       rev_t.median / plain_t.median <= 1.5))
    # What a revision costs as add_migrations builds it: its share of its batch's compile.
    batch, members = batch_of(p.build, revision)
    batch_t = hyperfine(line(batch, args), max(runs, 5), env, warmup=1)
    share = batch_t.median / members
    results.add(f"compile one batch of {members} revisions as add_migrations builds it, per revision, vs "
                f"`<string>`+`<vector>`", p.shape, n, f"{share * 1000:.1f} ms ({batch_t.cell()} a batch)",
                plain_t.cell(), f"{share / plain_t.median:.2f}× of the plain file", "≤ 1.5×")
    checks.append(("a revision's share of its batch compiles in ≤ 1.5× the <string>+<vector> file",
                   share / plain_t.median <= 1.5))

    if full_build:
        # Everything the runner needs from scratch except Retort's own libraries (built once per
        # project, not per revision): every revision, the registry, the link.
        log(f"  {p.name}: full build with -j{jobs}")
        fresh = os.path.join(p.dir, "build-fresh")
        shutil.rmtree(fresh, ignore_errors=True)
        configure(fresh, p.revisions)
        run(["cmake", "--build", fresh, "--parallel", str(jobs), "--target", "retort_cli", "retort_online",
             "retort-registry"])
        full = hyperfine(f"cmake --build {shlex.quote(fresh)} --parallel {jobs}", 1, env)
        results.add(f"full build of the revisions, registry and link (-j{jobs})", p.shape, n, full.cell(),
                    "", f"CPU {fmt_seconds(full.cpu)} (÷{jobs} = {fmt_seconds(full.cpu / jobs)})", "≤ 3 min at 1,000")
        if p.count == 1000:
            checks.append((f"full build of {p.name} ≤ 3 min", full.median <= 180))
        shutil.rmtree(fresh, ignore_errors=True)

    # One new revision: mkrev, then the build (re-glob, new file, registry, link).
    mkrev = os.path.join(p.build, "retort", "mkrev")
    run(["cmake", "--build", p.build, "--target", "mkrev"])
    restore = f"rm -f {shlex.quote(p.revisions)}/*_bench_new_revision.cpp && cmake --build {shlex.quote(p.build)}"
    log(f"  {p.name}: mkrev + cmake --build")
    one = hyperfine(f"{shlex.quote(mkrev)} --dir {shlex.quote(p.revisions)} 'bench new revision' >/dev/null && "
                    f"cmake --build {shlex.quote(p.build)}", runs, env, prepare=restore, shell=True)
    sh(restore, env)
    results.add("mkrev + cmake --build after one new revision", p.shape, n, one.cell(), "",
                f"CPU {fmt_seconds(one.cpu)}", "≤ 3 s at 1,000")
    if p.count == 1000:
        checks.append((f"mkrev + rebuild in {p.name} ≤ 3 s", one.median <= 3))


# ---------------------------------------------------------------- the report

def versions(pg):
    def first_line(cmd):
        try:
            return subprocess.run(cmd, text=True, capture_output=True, env=pg.env).stdout.strip().splitlines()[0]
        except (OSError, IndexError):
            return "?"
    cpu = "?"
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next(l.split(":", 1)[1].strip() for l in f if l.startswith("model name"))
    except (OSError, StopIteration):
        pass
    commit = first_line(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"])
    dirty = subprocess.run(["git", "-C", ROOT, "diff", "--quiet", "HEAD"]).returncode != 0
    return [
        f"machine: {platform.node()}, {cpu}, {os.cpu_count()} cores, "
        f"load average {' '.join(f'{x:.1f}' for x in os.getloadavg())} at the end (shared machine)",
        f"Retort {commit}{' (uncommitted changes)' if dirty else ''}; "
        f"{first_line(['c++', '--version'])}; {first_line(['cmake', '--version'])}",
        f"{first_line(['postgres', '--version'])}; {first_line([ALEMBIC, '--version'])}; "
        f"SQLAlchemy {first_line([PYTHON, '-c', 'import sqlalchemy; print(sqlalchemy.__version__)'])}; "
        f"{first_line(['hyperfine', '--version'])}",
    ]


def main():
    parser = argparse.ArgumentParser(description="Retort against Alembic and psql (see bench/README.md)")
    parser.add_argument("--sizes", default="100,1000,10000", help="comma-separated revision counts")
    parser.add_argument("--shapes", default="linear,dag", help="linear, dag or both")
    parser.add_argument("--shapes-large", default=None,
                        help="shapes above 1,000 revisions (default: --shapes); each 10,000-revision "
                             "runner is ~10,000 compiles")
    parser.add_argument("--runs", type=int, default=5, help="runs per command up to 1,000 revisions")
    parser.add_argument("--runs-large", type=int, default=3, help="runs per command above 1,000 revisions")
    parser.add_argument("--build-size", type=int, default=1000,
                        help="project size for the build measurements (0: skip them)")
    parser.add_argument("--no-full-build", action="store_true", help="skip the from-scratch build")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--work", default=os.path.join(ROOT, "build", "bench"),
                        help="where projects, builds and the server live")
    parser.add_argument("--results", default=os.path.join(HERE, "results"),
                        help="folder for the results file ('' to write none)")
    parser.add_argument("--update-readme", action="store_true", help="put the table into bench/README.md")
    parser.add_argument("--smoke", action="store_true",
                        help="a quick check that the steps work: 20 revisions (branched graph), one run, "
                             "no from-scratch build, no results file")
    args = parser.parse_args()
    if args.smoke:
        # The branched graph covers the linear one's code paths; the from-scratch build would only
        # repeat the project build. A few minutes on a loaded CI machine.
        args.sizes, args.shapes, args.runs, args.runs_large, args.build_size = "20", "dag", 1, 1, 20
        args.no_full_build, args.results = True, ""

    for tool in ("hyperfine", "cmake", "ninja", ALEMBIC, "/usr/bin/time"):
        if not shutil.which(tool):
            raise bench_error(f"{tool} is missing (tools/setup installs it)")
    sizes = [int(s) for s in args.sizes.split(",") if s]
    shapes = [s for s in args.shapes.split(",") if s]
    shapes_large = [s for s in (args.shapes_large or args.shapes).split(",") if s]
    os.makedirs(args.work, exist_ok=True)
    started = datetime.datetime.now(datetime.timezone.utc)

    pg_dir = os.path.join(args.work, "postgres")
    run([os.path.join(ROOT, "tools", "throwaway-postgres"), "stop", pg_dir])
    pg = server(pg_dir)
    commands, build, checks = table(), table(), []
    try:
        for count in sizes:
            for shape in (shapes if count <= 1000 else shapes_large):
                p = project(args.work, shape, count, args.jobs)
                measure_commands(p, pg, args.runs if count <= 1000 else args.runs_large, commands, checks)
                if count == args.build_size and shape == shapes[0]:
                    measure_build(p, args.runs, args.jobs, not args.no_full_build, build, checks)
        info = versions(pg)
    finally:
        pg.stop()

    header = ["command", "shape", "N", "Retort: median (min–max)", "Alembic / plain: median (min–max)",
              "Alembic ÷ Retort", "target"]
    runs_note = (f"median of {args.runs} runs up to 1,000 revisions and {args.runs_large} above, "
                 "(min–max) in brackets; hyperfine, wall-clock")
    command = "bench/run " + " ".join(shlex.quote(a) for a in sys.argv[1:])
    text = "\n".join([
        f"## Retort vs Alembic, {started:%Y-%m-%d %H:%M} UTC", "",
        f"`{command.strip()}` — {runs_note}.", "",
        *[f"- {line}" for line in info], "",
        commands.markdown(header), "",
        build.markdown(["build step", "shape", "N", "Retort", "plain file", "ratio", "target"])
        if build.rows else "", "",
        "Figures: " + ", ".join(f"{name}: {'met' if ok else 'NOT met'}" for name, ok in checks), "",
    ])
    print(text)
    if args.results:
        os.makedirs(args.results, exist_ok=True)
        path = os.path.join(args.results, f"{started:%Y-%m-%d-%H%M}.md")
        with open(path, "w") as f:
            f.write(text)
        log(f"written to {path}")
    if args.update_readme:
        readme = os.path.join(HERE, "README.md")
        with open(readme) as f:
            old = f.read()
        begin, end = "<!-- results: begin -->", "<!-- results: end -->"
        if begin not in old or end not in old:
            raise bench_error(f"{readme} lacks the {begin} / {end} markers")
        new = old[:old.index(begin) + len(begin)] + "\n" + text + "\n" + old[old.index(end):]
        with open(readme, "w") as f:
            f.write(new)


if __name__ == "__main__":
    try:
        main()
    except bench_error as e:
        print(f"bench: {e}", file=sys.stderr)
        sys.exit(1)
    except KeyboardInterrupt:
        sys.exit(130)
