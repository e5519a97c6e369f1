#!/usr/bin/python3
"""Build speed of a project's runner with both CMake generators. See bench/README.md.

    bench/build-speed [--count 1000] [--generators make,ninja] [--projects source,installed]
    bench/build-speed --check --count 200       # what ctest runs: compile counts only, no timing

For each project kind and generator: N linear revisions (bench/generate.py), a configure and a
full build (-j2, no ccache; Retort's own libraries are built before the clock starts), then three
times: `mkrev` + build, rename that file + build, delete it + build. Each build's log is read
for its compile lines ("Building CXX object"), which do not depend on the machine's speed.
Revision files compile in batches (cmake/RetortMigrations.cmake), so a step must compile exactly
the batches that held or now hold the file it touched: adding a revision one batch (the new
file's), renaming one the old and the new name's batches (one or two), deleting one the batch it
was in. The registry is compiled again each time; it is counted apart.

Project kinds (bench/project/CMakeLists.txt):
  source     Retort's source tree through add_subdirectory(), as this repository builds
  installed  a user's project against Retort installed with `cmake --install` (find_package)
"""
import argparse
import datetime
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
GENERATORS = {"make": "Unix Makefiles", "ninja": "Ninja"}
COMPILE_LINE = re.compile(r"Building CXX object (\S+)")


class failure(Exception):
    pass


def log(text):
    print(text, file=sys.stderr, flush=True)


def run(cmd, env=None):
    """Runs a command and returns its output (stdout and stderr together)."""
    result = subprocess.run(cmd, env=env, text=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    if result.returncode != 0:
        raise failure(f"command failed ({result.returncode}): {' '.join(cmd)}\n{result.stdout[-4000:]}")
    return result.stdout


class step:
    """One timed build and what it compiled."""

    def __init__(self, seconds, cpu, log_text):
        self.seconds, self.cpu = seconds, cpu
        objects = COMPILE_LINE.findall(log_text)
        self.registry = sum(1 for o in objects if o.endswith("_registry.cpp.o"))
        self.revisions = [os.path.basename(o)[:-2] for o in objects
                          if "_revisions.dir" in o and not o.endswith("_registry.cpp.o")]
        self.other = len(objects) - self.registry - len(self.revisions)
        self.quiet = "GLOB mismatch" not in log_text


class project:
    def __init__(self, kind, generator, args, prefix, env):
        self.kind, self.generator, self.env = kind, generator, env
        self.dir = os.path.join(args.work, f"{kind}-{generator}-{args.count}")
        shutil.rmtree(self.dir, ignore_errors=True)
        run(["/usr/bin/python3", os.path.join(HERE, "generate.py"), "--shape", "linear",
             "--count", str(args.count), "--out", self.dir])
        self.revisions = os.path.join(self.dir, "retort")
        self.build = os.path.join(self.dir, "build")
        self.mkrev = os.path.join(prefix, "bin", "mkrev")
        self.jobs = args.jobs
        configure = ["cmake", "-S", os.path.join(HERE, "project"), "-B", self.build,
                     "-G", GENERATORS[generator], "-DCMAKE_BUILD_TYPE=Release",
                     f"-DBENCH_MIGRATIONS_DIR={self.revisions}"]
        if kind == "installed":
            configure += ["-DBENCH_USE_INSTALLED=ON", f"-DCMAKE_PREFIX_PATH={prefix}"]
        elif shutil.which("ccache"):
            # Retort's own libraries come from the cache; the timed builds run with CCACHE_DISABLE.
            configure += ["-DCMAKE_CXX_COMPILER_LAUNCHER=ccache"]
        run(configure, env)
        if kind == "source":
            untimed = dict(env)
            untimed.pop("CCACHE_DISABLE", None)
            run(["cmake", "--build", self.build, "--parallel", str(self.jobs), "--target", "retort_cli",
                 "retort_online", "retort-registry"], untimed)

    def build_step(self):
        def cpu():
            r = resource.getrusage(resource.RUSAGE_CHILDREN)
            return r.ru_utime + r.ru_stime
        start, cpu_start = time.monotonic(), cpu()
        text = run(["cmake", "--build", self.build, "--parallel", str(self.jobs)], self.env)
        return step(time.monotonic() - start, cpu() - cpu_start, text)

    def batches(self):
        """{revision file name: its batch source's file name}, as the last configure wrote them."""
        where = os.path.join(self.build, "bench_runner_batches")
        out = {}
        for name in os.listdir(where):
            if name.endswith(".txt"):
                with open(os.path.join(where, name)) as f:
                    out.update({os.path.basename(line.strip()): name[:-4] + ".cpp" for line in f if line.strip()})
        return out

    def add(self):
        run([self.mkrev, "--dir", self.revisions, "one more revision"], self.env)
        result = self.build_step()
        result.expected = {self.batches()[os.path.basename(self.new_file())]}
        return result

    def new_file(self):
        return next(os.path.join(self.revisions, f) for f in os.listdir(self.revisions)
                    if f.endswith("_one_more_revision.cpp"))

    def rename(self):
        old = self.new_file()
        new = old.replace("_one_more_revision.cpp", "_one_more_revision_renamed.cpp")
        before = self.batches()[os.path.basename(old)]
        os.rename(old, new)
        time.sleep(1)   # a coarse file system time stamp must see the folder change
        result = self.build_step()
        result.expected = {before, self.batches()[os.path.basename(new)]}
        return result

    def delete(self):
        gone = next(f for f in os.listdir(self.revisions) if f.endswith("_one_more_revision_renamed.cpp"))
        before = self.batches()[gone]
        os.remove(os.path.join(self.revisions, gone))
        time.sleep(1)
        result = self.build_step()
        # The batch is compiled again without the file, unless the file was its only member.
        result.expected = {before} if before in set(self.batches().values()) else set()
        return result


def fmt(seconds):
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.2f} s"


def measure(kind, generator, args, prefix, env, rows, problems, startup):
    log(f"{kind} / {GENERATORS[generator]}: {args.count} revisions")
    p = project(kind, generator, args, prefix, env)
    full = p.build_step()
    log(f"  full build {fmt(full.seconds)}, {len(full.revisions)} batches compiled")
    steps = {"add": [], "rename": [], "delete": []}
    for _ in range(args.runs):
        for name in steps:
            steps[name].append(getattr(p, name)())
    where = f"{kind}, {GENERATORS[generator]}"
    batches = p.batches()
    if len(batches) != args.count or sorted(full.revisions) != sorted(set(batches.values())):
        problems.append(f"{where}: the full build compiled {len(full.revisions)} batches, not the "
                        f"{len(set(batches.values()))} batches that hold the {args.count} revisions")
    log(f"  {len(set(batches.values()))} batches")
    cells = [f"{fmt(full.seconds)} (CPU {fmt(full.cpu)})"]
    for name, results in steps.items():
        counts = sorted({len(s.revisions) for s in results})
        median = statistics.median(s.seconds for s in results)
        cpu = statistics.median(s.cpu for s in results)
        cells.append(f"{fmt(median)}, CPU {fmt(cpu)} ({'/'.join(map(str, counts))} batch{'es' if counts != [1] else ''} compiled)")
        for s in results:
            if sorted(s.revisions) != sorted(s.expected):
                problems.append(f"{where}: {name} compiled {sorted(s.revisions)}, expected exactly {sorted(s.expected)}")
        if not all(s.quiet for s in results):
            problems.append(f"{where}: {name} printed GLOB mismatch")
        if not args.check and args.count >= 1000 and median > 3:
            problems.append(f"{where}: {name} took {fmt(median)} (target ≤ 3 s)")
        log(f"  {name}: {cells[-1]}")
    if not args.check and args.count >= 1000 and full.seconds > 90:
        problems.append(f"{where}: full build took {fmt(full.seconds)} (target ≤ 90 s)")
    rows.append(f"| {kind} | {GENERATORS[generator]} | {args.count:,} | " + " | ".join(cells) + " |")
    if not args.check and not startup:
        startup.extend(measure_startup(os.path.join(p.build, "bench_runner"), env))
    shutil.rmtree(p.dir, ignore_errors=True)


def measure_startup(runner, env):
    """Start-up of the commands that never connect: wall clock (hyperfine) and instructions
    (callgrind, repeatable on a noisy machine)."""
    lines = []
    for args in (["--version"], ["heads"], ["history"]):
        command = " ".join([runner, *args])
        wall = "?"
        if shutil.which("hyperfine"):
            out = run(["hyperfine", "-N", "--style", "none", "--warmup", "3", "--runs", "30",
                       "--export-markdown", "/dev/stdout", command], env)
            cell = re.search(r"\|\s*([0-9.]+) ± ([0-9.]+)", out)
            wall = f"{cell.group(1)} ± {cell.group(2)} ms" if cell else "?"
        instructions = "?"
        if shutil.which("valgrind"):
            out = run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", runner, *args], env)
            m = re.search(r"Collected : ([0-9]+)", out)
            instructions = f"{int(m.group(1)) / 1e6:.1f} M" if m else "?"
        lines.append(f"| `runner {' '.join(args)}` | {wall} | {instructions} |")
    return lines


def main():
    parser = argparse.ArgumentParser(description="build speed with both generators (bench/README.md)")
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--generators", default="make,ninja")
    parser.add_argument("--projects", default="source,installed")
    parser.add_argument("--runs", type=int, default=3, help="add/rename/delete cycles")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--retort-build", default=os.path.join(ROOT, "build"),
                        help="a built Retort to install for the `installed` project")
    parser.add_argument("--work", default=os.path.join(ROOT, "build", "bench-build-speed"))
    parser.add_argument("--check", action="store_true", help="compile counts only (ctest); no results file")
    args = parser.parse_args()

    os.makedirs(args.work, exist_ok=True)
    args.work = os.path.abspath(args.work)
    env = dict(os.environ, CCACHE_DISABLE="1")
    env.pop("MAKEFLAGS", None)
    prefix = os.path.join(args.work, "prefix")
    shutil.rmtree(prefix, ignore_errors=True)
    run(["cmake", "--install", args.retort_build, "--prefix", prefix])
    rows, problems, startup = [], [], []
    try:
        for kind in args.projects.split(","):
            for generator in args.generators.split(","):
                measure(kind, generator, args, prefix, env, rows, problems, startup)
    except failure as e:
        problems.append(str(e))
    when = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    report = "\n".join([
        f"## Build speed, {when}", "",
        f"`bench/build-speed {' '.join(sys.argv[1:])}` — wall clock and CPU (user + system), -j{args.jobs}, no ccache; "
        f"add/rename/delete: median of {args.runs}, with the number of revision batches each build compiled.",
        f"Machine load average {' '.join(f'{x:.1f}' for x in os.getloadavg())} at the end.", "",
        "| project | generator | N | full build | mkrev + build | rename one + build | delete one + build |",
        "|---|---|---|---|---|---|---|", *rows, "",
        *([f"Start-up at {args.count:,} revisions (the first project's runner; commands that never connect):", "",
           "| command | wall (hyperfine, mean ± σ) | instructions (callgrind) |", "|---|---|---|", *startup, ""]
          if startup else []),
        "Problems: " + ("; ".join(problems) if problems else "none"), ""])
    print(report)
    if not args.check:
        os.makedirs(os.path.join(HERE, "results"), exist_ok=True)
        name = datetime.datetime.now().strftime("%Y-%m-%d-%H%M") + "-build-speed.md"
        with open(os.path.join(HERE, "results", name), "w") as f:
            f.write(report)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
