"""Differential test: random revision graphs from fixed seeds, asked of Alembic's own RevisionMap
(in this process) and of Retort's graph module (through graph_driver), answers compared one by
one. Run with Debian's /usr/bin/python3, which has alembic.

usage: compare_with_alembic.py DRIVER [--graphs N] [--first-seed S]
"""
import argparse
import random
import subprocess
import sys
import warnings

from alembic.runtime.migration import HeadMaintainer, MigrationStep
from alembic.script.base import ScriptDirectory
from alembic.script.revision import Revision, RevisionMap
from sqlalchemy import Column, MetaData, String, Table

PREFIXES = ["abcd", "abce", "beef", "1f2e", "c0de"]


class _Module:
    @staticmethod
    def upgrade():
        pass

    @staticmethod
    def downgrade():
        pass


class Rev(Revision):
    module = _Module


class _Impl:
    def _exec(self, *args, **kw):
        return None


class _Context:
    """What HeadMaintainer touches: a SQL sink that discards, and offline mode (no rowcounts)."""

    impl = _Impl()
    _version = Table("alembic_version", MetaData(), Column("version_num", String(32)))
    as_sql = True
    version_table = "alembic_version"


def make_graph(seed):
    """Revisions in a shuffled file order: branch points, merges of 2 and 3 parents, several
    bases, branch labels, cross-branch depends_on."""
    rnd = random.Random(seed)
    n = rnd.randint(20, 80)
    revs = []  # (id, parents, labels, deps)
    heads = []
    label_no = 0
    used = set()
    for i in range(n):
        while True:
            rid = rnd.choice(PREFIXES) + "%08x" % rnd.getrandbits(32)
            if rid not in used:
                used.add(rid)
                break
        labels, deps = [], []
        roll = rnd.random()
        if not revs or roll < 0.07:
            parents = []
            if rnd.random() < 0.7:
                labels = ["lbl%d" % label_no]
                label_no += 1
        elif roll < 0.22 and len(heads) >= 2:
            parents = rnd.sample(heads, min(len(heads), rnd.choice([2, 2, 3])))
        elif roll < 0.45:
            parents = [rnd.choice(revs)[0]]  # may start a branch
            if rnd.random() < 0.25:
                labels = ["lbl%d" % label_no]
                label_no += 1
        else:
            parents = [rnd.choice(heads)]
        if revs and rnd.random() < 0.12:
            below = ancestors_of(revs, parents)
            others = [r[0] for r in revs if r[0] not in below]
            if others:
                deps = [rnd.choice(others)]
        revs.append((rid, parents, labels, deps))
        heads = [h for h in heads if h not in parents] + [rid]
    order = list(revs)
    rnd.shuffle(order)
    return order


def ancestors_of(revs, start):
    by_id = {r[0]: r for r in revs}
    seen, todo = set(), list(start)
    while todo:
        x = todo.pop()
        if x in seen:
            continue
        seen.add(x)
        todo.extend(by_id[x][1])
        todo.extend(by_id[x][3])
    return seen


def revision_map(revs):
    objs = [
        Rev(rid, tuple(p) if len(p) > 1 else (p[0] if p else None),
            dependencies=tuple(d) if d else None, branch_labels=tuple(l) if l else None)
        for rid, p, l, d in revs
    ]
    rm = RevisionMap(lambda: objs)
    rm.heads  # build it now
    return rm


def stamp_revs(rm, targets, rows):
    sd = ScriptDirectory.__new__(ScriptDirectory)
    sd.revision_map = rm
    return sd._stamp_revs(tuple(targets), tuple(rows))


def alembic_answer(rm, kind, rows, args):
    """The same question, answered by Alembic. Returns (text, deliberate_difference)."""
    ids = lambda revs: " ".join(r.revision for r in revs)
    if kind == "heads":
        return " ".join(rm.heads), False
    if kind == "real_heads":
        return " ".join(rm._real_heads), False
    if kind == "bases":
        return " ".join(rm.bases), False
    if kind == "real_bases":
        return " ".join(rm._real_bases), False
    if kind == "branchpoints":
        return " ".join(k for k, r in rm._revision_map.items() if k and k == getattr(r, "revision", None) and r.is_branch_point), False
    if kind == "labels":
        return ";".join(
            "%s:%s" % (k, ",".join(sorted(r.branch_labels)))
            for k, r in rm._revision_map.items()
            if k and r is not None and k == r.revision and r.branch_labels), False
    if kind == "history":
        return ids(rm.iterate_revisions("heads", "base", inclusive=True, assert_relative_length=False)), False
    if kind == "range":
        return ids(rm.iterate_revisions(args[1], args[0], inclusive=True, assert_relative_length=False)), False
    if kind == "current":
        return ",".join(sorted(r.revision for r in rm._get_all_current(tuple(rows)))), False
    maintainer = HeadMaintainer(_Context(), rows)
    plan = []
    deliberate = False
    if kind == "stamp":
        for step in stamp_revs(rm, args, rows):
            maintainer.update_to_step(step)
    else:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            if kind == "upgrade":
                revs = list(reversed(list(rm.iterate_revisions(args[0], tuple(rows), implicit_base=True))))
            else:
                revs = list(rm.iterate_revisions(tuple(rows), args[0], select_for_downgrade=True))
            # Alembic only warns on "downgrade -1" from several heads; Retort refuses (documented).
            deliberate = any("ambiguous" in str(w.message) for w in caught)
        for rev in revs:
            step = (MigrationStep.upgrade_from_script if kind == "upgrade" else MigrationStep.downgrade_from_script)(rm, rev)
            plan.append(("+" if kind == "upgrade" else "-") + rev.revision)
            maintainer.update_to_step(step)
    return " ".join(plan) + "|" + ",".join(sorted(maintainer.heads)), deliberate


def ask_alembic(rm, kind, rows, args):
    try:
        text, deliberate = alembic_answer(rm, kind, rows, args)
    except Exception:  # Alembic's errors, assertions and KeyErrors alike: it refuses
        return "error", False
    return ("error" if deliberate else text), deliberate


def targets_for(rnd, revs):
    ids = [r[0] for r in revs]
    labels = [l for r in revs for l in r[2]]
    pick = lambda: rnd.choice(ids)
    out = [pick(), pick(), pick()[:6], pick()[:4], pick()[:3], "head", "heads", "base",
           "+1", "+2", "-1", "-2", pick() + "+1", pick() + "+2", pick() + "-1", pick()[:7] + "-2",
           "zzzz9999", "nolabel@head"]
    for label in rnd.sample(labels, min(2, len(labels))):
        out += [label + "@head", label + "@base", label + "@+1", label + "@-1", label + "@heads",
                label + "@" + pick()[:8], label]
    return out


def states_for(rnd, rm, revs):
    """Version rows to start from: empty, and rows Alembic itself reaches by upgrading."""
    states = [()]
    for target in ["heads", rnd.choice(revs)[0], rnd.choice(revs)[0]]:
        try:
            text, _ = alembic_answer(rm, "upgrade", list(states[-1] if target != "heads" else ()), [target])
        except Exception:
            continue
        rows = tuple(x for x in text.split("|")[1].split(",") if x)
        if rows not in states:
            states.append(rows)
    return states


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("driver")
    parser.add_argument("--graphs", type=int, default=200)
    parser.add_argument("--first-seed", type=int, default=1)
    opts = parser.parse_args()

    lines, expected = [], []  # driver input; (seed, query, alembic answer)
    deliberate = 0
    for seed in range(opts.first_seed, opts.first_seed + opts.graphs):
        revs = make_graph(seed)
        rm = revision_map(revs)
        rnd = random.Random(seed * 7919)
        lines.append("graph %d" % len(revs))
        lines += ["%s|%s|%s|%s" % (r[0], ",".join(r[1]), ",".join(r[2]), ",".join(r[3])) for r in revs]
        queries = [(k, (), []) for k in ["heads", "real_heads", "bases", "real_bases", "branchpoints", "labels", "history"]]
        for _ in range(3):
            queries.append(("range", (), [rnd.choice(["base", rnd.choice(revs)[0]]), rnd.choice(["heads", rnd.choice(revs)[0]])]))
        targets = targets_for(rnd, revs)
        for rows in states_for(rnd, rm, revs):
            queries.append(("current", rows, []))
            applied = sorted(ancestors_of(revs, rows))
            own = [rnd.choice(applied) + suffix for suffix in ["", "", "-1", "+1"]] if applied else []
            for t in targets + own:
                queries.append(("upgrade", rows, [t]))
                queries.append(("downgrade", rows, [t]))
            for t in rnd.sample(targets, 6) + ["base", "heads"]:
                queries.append(("stamp", rows, [t]))
        for kind, rows, args in queries:
            lines.append(" ".join(["q", kind, ",".join(rows) or "-"] + args))
            answer, was_deliberate = ask_alembic(rm, kind, list(rows), args)
            deliberate += was_deliberate
            expected.append((seed, kind, rows, args, answer))

    out = subprocess.run([opts.driver], input="\n".join(lines) + "\n", capture_output=True, text=True, check=True)
    got = out.stdout.splitlines()
    if len(got) != len(expected):
        print("driver answered %d of %d questions" % (len(got), len(expected)))
        return 1
    mismatches = [(e, g) for e, g in zip(expected, got) if e[4] != g]
    for (seed, kind, rows, args, want), have in mismatches[:15]:
        print("graph seed %d: %s from [%s] %s\n  alembic: %s\n  retort:  %s" % (
            seed, kind, ",".join(rows), " ".join(args), want, have))
    errors = sum(1 for e in expected if e[4] == "error")
    print("differential: %d graphs, %d commands compared (%d refused by both, %d deliberate differences), %d mismatches"
          % (opts.graphs, len(expected), errors - deliberate, deliberate, len(mismatches)))
    return 1 if mismatches else 0


if __name__ == "__main__":
    sys.exit(main())
