#!/usr/bin/python3
"""Start-up of a runner that does not connect: `--version`, `heads` and `history` on N linear
revisions, against Alembic's `heads` and `history` on the same graph.

    bench/startup.py [--count 1000] [--runs 30] [--baseline DIR] [--work build/bench-startup]

Wall time (hyperfine, median and min–max), instructions (callgrind: stable on a noisy machine) and
minor page faults (one run, from the kernel's accounting; on a VM each costs microseconds). `/bin/true`
is the floor: what starting any process costs on this machine; a static C++ hello world is the floor of
a static program like the runner.
`--baseline DIR` also builds the same revisions against another Retort source tree (for example a
`git worktree` of an older commit), measured in the same run. The table is printed and written to
bench/results/<date>-<time>-startup.md.
"""
import argparse
import datetime
import os
import re
import resource
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench import ALEMBIC, HERE, PYTHON, ROOT, hyperfine, run  # noqa: E402


def build_runner(source, revisions, build):
    run(["cmake", "-S", os.path.join(HERE, "project"), "-B", build, "-G", "Ninja", "-DCMAKE_BUILD_TYPE=Release",
         f"-DBENCH_MIGRATIONS_DIR={revisions}", f"-DBENCH_RETORT_SOURCE={source}"])
    run(["cmake", "--build", build])
    return os.path.join(build, "bench_runner")


def instructions(command, env):
    """Instructions the command executes, dynamic loader included (callgrind's total)."""
    result = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null"] + command,
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    found = re.search(r"Collected : (\d+)", result.stderr)
    if result.returncode != 0 or not found:
        sys.exit("bench/startup: callgrind failed on %s\n%s" % (" ".join(command), result.stderr[-2000:]))
    return int(found.group(1))


def page_faults(command, env):
    """Minor page faults of one run of the command (its own, as the kernel counts them)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_minflt
    subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_minflt - before


def static_hello(work):
    """A C++ program that prints one line, linked static as runners are: what any such program costs."""
    source = os.path.join(work, "hello.cpp")
    with open(source, "w") as f:
        f.write("#include <iostream>\nint main() { std::cout << \"hello\\n\"; }\n")
    program = os.path.join(work, "hello-static")
    if subprocess.run(["c++", "-O2", "-static", source, "-o", program]).returncode != 0:
        return None
    return program


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--baseline", help="another Retort source tree to build the same runner against")
    parser.add_argument("--work", default=os.path.join(ROOT, "build", "bench-startup"))
    args = parser.parse_args()
    os.makedirs(args.work, exist_ok=True)
    out = os.path.join(args.work, "linear_%d" % args.count)
    run([PYTHON, os.path.join(HERE, "generate.py"), "--shape", "linear", "--count", str(args.count), "--out", out])
    revisions = os.path.join(out, "retort")
    alembic_ini = os.path.join(out, "alembic", "alembic.ini")
    runners = [("runner", build_runner(ROOT, revisions, os.path.join(out, "build")))]
    if args.baseline:
        runners.append(("runner (baseline %s)" % os.path.basename(os.path.abspath(args.baseline)),
                        build_runner(os.path.abspath(args.baseline), revisions, os.path.join(out, "build-baseline"))))
    env = dict(os.environ)
    env.pop("DATABASE_URL", None)

    rows = ["| %d linear revisions | wall (median, min–max) | instructions | page faults | vs Alembic (wall) |"
            % args.count, "|---|---|---:|---:|---:|"]
    floor = hyperfine("/bin/true", args.runs, env, warmup=3)
    rows.append("| `/bin/true` (the floor) | %s | %s | %d | |" % (floor.cell(), format(instructions(["/bin/true"], env), ","),
                                                               page_faults(["/bin/true"], env)))
    hello = static_hello(args.work)
    if hello:
        rows.append("| static C++ hello world (the floor for a static program) | %s | %s | %d | |" % (
            hyperfine(hello, args.runs, env, warmup=3).cell(), format(instructions([hello], env), ","),
            page_faults([hello], env)))
    alembic = {}
    for command in ("heads", "history"):
        t = hyperfine("%s -c %s %s" % (ALEMBIC, alembic_ini, command), max(5, args.runs // 6), env)
        alembic[command] = t.median
        rows.append("| `alembic %s` | %s | | | 1× |" % (command, t.cell()))
    for name, runner in runners:
        for command in ("--version", "heads", "history"):
            t = hyperfine("%s %s" % (runner, command), args.runs, env, warmup=3)
            n = instructions([runner, command], env)
            faults = page_faults([runner, command], env)
            versus = "%.0f×" % (alembic[command] / t.median) if command in alembic else ""
            rows.append("| `%s %s` | %s | %s | %d | %s |" % (name, command, t.cell(), format(n, ","), faults, versus))
    for name, runner in runners:
        libs = subprocess.run(["ldd", runner], capture_output=True, text=True).stdout.count("=>")
        rows.append("")
        rows.append("%s loads %d shared libraries at start." % (name, libs))

    stamp = datetime.datetime.now().strftime("%Y-%m-%d-%H%M")
    text = "\n".join(rows) + "\n"
    print(text)
    with open(os.path.join(HERE, "results", stamp + "-startup.md"), "w") as f:
        f.write("# Start-up %s\n\n`bench/startup.py --count %d --runs %d%s`\n\n%s"
                % (stamp, args.count, args.runs, " --baseline DIR" if args.baseline else "", text))


if __name__ == "__main__":
    main()
