"""Writes the branched fixture graphs (tests/fixtures/graph_N) through mkrev, so the end-to-end
test runs revisions mkrev itself made: branch points (--splice), merges of 2 and 3 heads (--head
repeated, --merge), a second root with its own label (--head base --branch-label) and
cross-branch --depends-on. Deterministic apart from the `created:` lines.

usage: make_graph_fixtures.py MKREV OUT_ROOT   (OUT_ROOT/graph_1 ... graph_3 are replaced)
"""
import os
import random
import shutil
import subprocess
import sys

SEEDS = [11, 22, 33]
SIZE = 50


def main():
    mkrev, root = sys.argv[1], sys.argv[2]
    for n, seed in enumerate(SEEDS, start=1):
        out = os.path.join(root, "graph_%d" % n)
        shutil.rmtree(out, ignore_errors=True)
        os.makedirs(out)
        build(mkrev, out, random.Random(seed))


def build(mkrev, out, rnd):
    tree = {}  # id -> root label ("app" or "audit")
    parents = {}
    heads = []

    def mk(args, message, root):
        rid = "%012x" % rnd.getrandbits(48)
        subprocess.run([mkrev, "--dir", out, "--rev-id", rid] + args + [message], check=True, capture_output=True)
        tree[rid] = root
        return rid

    def add(rid, ps):
        nonlocal heads
        parents[rid] = ps
        heads = [h for h in heads if h not in ps] + [rid]

    first = mk(["--head", "base", "--branch-label", "app"], "start of app", "app")
    add(first, [])
    second_root_at = rnd.randint(8, 15)
    for k in range(1, SIZE):
        message = "change %d" % k
        if k == second_root_at:
            rid = mk(["--head", "base", "--branch-label", "audit"], "start of audit", "audit")
            add(rid, [])
            continue
        roll = rnd.random()
        same_tree = lambda root: [h for h in heads if tree[h] == root]
        root = rnd.choice([r for r in ("app", "audit") if same_tree(r)])
        mine = same_tree(root)
        args, ps = [], []
        if roll < 0.12 and len(mine) >= 2:
            ps = rnd.sample(mine, min(len(mine), rnd.choice([2, 3])))
            for p in ps:
                args += ["--head", p[:8]]
            message = "merge %d" % k
        elif roll < 0.30:
            spliced = rnd.choice([r for r in parents if tree[r] == root])
            ps = [spliced]
            args = ["--head", spliced] + (["--splice"] if spliced not in heads else [])
        elif roll < 0.38 and len(mine) == 1:
            ps = [mine[0]]
            args = ["--head", root + "@head"]
        else:
            ps = [rnd.choice(mine)]
            args = ["--head", ps[0]]
        if rnd.random() < 0.1:
            other = [r for r in parents if tree[r] != root]
            if other:
                args += ["--depends-on", rnd.choice(other)[:10]]
        rid = mk(args, message, root)
        add(rid, ps)


if __name__ == "__main__":
    main()
