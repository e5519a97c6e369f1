#!/usr/bin/python3
"""Every Debian package Retort's build uses is on the getting-started guide's install line.

    install_line_covers_build.py GUIDE SOURCE BUILD WORK

Configures SOURCE in WORK as the guide does (-G Ninja -DBUILD_TESTING=OFF), takes the files that
configure step found (CMakeCache.txt: compilers, tools, libraries, package config folders) and
the headers BUILD's objects of the installed targets included (the libraries, mkrev,
retort-registry), asks `dpkg -S` which package owns each, and fails naming any package that is
neither on the guide's `apt-get install` line nor pulled in by one that is (apt-cache depends).
"""
import os
import re
import subprocess
import sys

# Found when present, never needed: the guide need not list them.
OPTIONAL = {"CCACHE_PROGRAM", "CMAKE_CXX_COMPILER_LAUNCHER", "HELP2MAN_PROGRAM", "GITCOMMAND",
            "MEMORYCHECK_COMMAND", "COVERAGE_COMMAND"}
INSTALLED_TARGETS = re.compile(r"CMakeFiles/(retort_(dsl|graph|config|runtime|cli)|mkrev|retort-registry)\.dir/")


def install_line(guide):
    text = open(guide).read().replace("\\\n", " ")
    for line in text.splitlines():
        if "apt-get install" in line:
            words = line.split("apt-get install", 1)[1].split()
            return {w for w in words if not w.startswith("-")}
    sys.exit(f"FAIL: {guide} has no apt-get install line")


def needs_sudo_as_root(guide):
    """The install command, as written, fails for root on a machine without sudo."""
    for line in open(guide).read().splitlines():
        if "apt-get install" in line:
            return re.match(r"\s*sudo\s", line) is not None
    return False


def cache_files(cache):
    files = []
    for line in open(cache):
        m = re.match(r"([A-Za-z_0-9]+):(FILEPATH|PATH)=(/usr/\S+)$", line.strip()) \
            or re.match(r"(CMAKE_COMMAND):(INTERNAL)=(/usr/\S+)$", line.strip())
        if not m or m.group(1) in OPTIONAL or m.group(1).startswith("CMAKE_INSTALL_"):
            continue
        path = m.group(3)
        if os.path.isdir(path):
            # A package's CMake folder: the config file in it (a bare include folder says nothing).
            configs = [f for f in os.listdir(path) if f.lower().endswith("config.cmake")]
            files += [os.path.join(path, f) for f in configs]
        elif os.path.exists(path):
            files.append(path)
    return files


def included_headers(build):
    """System headers the installed targets' objects included (Ninja's log, else depfiles)."""
    headers = set()
    if os.path.exists(os.path.join(build, ".ninja_deps")):
        out = subprocess.run(["ninja", "-C", build, "-t", "deps"], text=True, capture_output=True, check=True).stdout
        current = False
        for line in out.splitlines():
            if line and not line.startswith(" "):
                current = bool(INSTALLED_TARGETS.search(line))
            elif current and line.strip().startswith("/usr/"):
                headers.add(line.strip())
    else:
        for root, _, names in os.walk(build):
            for name in names:
                path = os.path.join(root, name)
                if name.endswith(".o.d") and INSTALLED_TARGETS.search(path):
                    headers.update(w for w in open(path).read().replace("\\\n", " ").split() if w.startswith("/usr/"))
    return sorted(headers)


def owners(files):
    """Package -> one of its files, for every file dpkg knows (a symlink by itself or its target)."""
    def ask(paths):
        r = subprocess.run(["dpkg", "-S", *paths], text=True, capture_output=True)
        out = {}
        for line in r.stdout.splitlines():
            packages, _, path = line.rpartition(": ")
            out[path] = [p.split(":")[0] for p in packages.split(", ")]
        return out
    found = ask(files)
    unknown = [f for f in files if f not in found]
    resolved = ask(sorted({os.path.realpath(f) for f in unknown})) if unknown else {}
    used = {}
    for path in files:
        for p in found.get(path) or resolved.get(os.path.realpath(path), []):
            used.setdefault(p, path)
    return used


def covered_by(packages):
    out = subprocess.run(["apt-cache", "depends", "--recurse", "--no-recommends", "--no-suggests", "--no-conflicts",
                          "--no-breaks", "--no-replaces", "--no-enhances", *sorted(packages)],
                         text=True, capture_output=True, check=True).stdout
    names = set(packages)
    for line in out.splitlines():
        word = line.strip().lstrip("|").split(":")[-1].strip() if line.startswith(" ") else line.strip()
        names.add(word.strip("<>").split(":")[0])
    return names


def main():
    guide, source, build, work = sys.argv[1:5]
    if needs_sudo_as_root(guide):
        sys.exit("FAIL: the guide's install line starts with sudo, which root may not have")
    line = install_line(guide)
    os.makedirs(work, exist_ok=True)
    subprocess.run(["cmake", "-S", source, "-B", work, "-G", "Ninja", "-DCMAKE_BUILD_TYPE=Release", "-DBUILD_TESTING=OFF"],
                   check=True, stdout=subprocess.DEVNULL)
    files = cache_files(os.path.join(work, "CMakeCache.txt"))
    headers = included_headers(build)
    if not headers:
        sys.exit(f"FAIL: no system headers found for the installed targets in {build}")
    used = owners(files + headers)
    covered = covered_by(line)
    missing = {p: f for p, f in used.items() if p not in covered}
    print(f"install line: {' '.join(sorted(line))}")
    print(f"packages the build used: {' '.join(sorted(used))}")
    for p, f in sorted(missing.items()):
        print(f"FAIL: {p} (owner of {f}) is not on the guide's install line nor a dependency of it")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
