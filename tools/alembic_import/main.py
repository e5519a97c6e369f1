"""retort-import-alembic VERSIONS_DIR OUT_DIR: every Alembic revision becomes a Retort revision.

Revision by revision, each function is translated into DSL calls, or its SQL is captured (from
Alembic's offline rendering, or with --online from a replay on a scratch database), or it is
left to port by hand (it reads data), or refused (malformed, or needs --online). Every revision
ends in one state: translated, partly (one direction as SQL), captured, to-port or refused.
"""
import argparse
import os
import sys

from . import alembic_sql, naming, online, plugins, reader, translate, writer
from .operations import Context, unnamed_constraints
from .project_types import TypeDecoratorFinder
from .reads_data import reads_data
from .sqltypes import TypeScope

DIRECTIONS = ("upgrade", "downgrade")
EXIT_HAND_WORK = 10  # README.md, "Exit codes"


class Direction:
    """How one function of a revision was imported."""

    def __init__(self, kind, lines=None, reason="", source="Alembic's offline mode rendered"):
        self.kind, self.lines, self.reason = kind, lines or [], reason  # translated/captured/to-port/refused
        self.source = source  # where captured SQL came from


def at(rev, reason):
    """'file.py:LINE: ...' for a reason that starts with 'line N: '."""
    name = rev.path
    if reason.startswith("line "):
        number, _, rest = reason[5:].partition(": ")
        if number.isdigit():
            return f"{name}:{number}: {rest}"
    return f"{name}: {reason}"


def topological(revisions):
    """Revisions in an order Alembic could apply them (parents and dependencies first)."""
    by_id = {r.revision: r for r in revisions}
    done, order = set(), []
    for start in revisions:
        stack = [(start, False)]
        while stack:
            rev, expanded = stack.pop()
            if rev.revision in done:
                continue
            if expanded:
                done.add(rev.revision)
                order.append(rev)
                continue
            stack.append((rev, True))
            for parent in reversed(rev.down_revisions + rev.depends_on):
                if parent in by_id and parent not in done:
                    stack.append((by_id[parent], False))
    return order


class Importer:
    def __init__(self, args, revisions):
        self.args = args
        self.revisions = revisions
        self.sys_paths = args.sys_path or [os.path.dirname(os.path.abspath(args.versions.rstrip("/")))]
        env_py = os.path.join(os.path.dirname(os.path.abspath(args.versions.rstrip("/"))), "env.py")
        env_source = plugins.read(env_py)
        self.convention = naming.read_convention(env_source)
        self.plugin_modules = plugins.modules(env_source, args.plugin)
        self.finder = TypeDecoratorFinder(self.sys_paths)
        self.results = {}   # revision id -> {direction: Direction}
        self.modules = {}

    def module(self, rev):
        if rev.revision not in self.modules:
            plugins.load(self.plugin_modules, self.sys_paths)
            self.modules[rev.revision] = alembic_sql.load_module(rev.path, self.sys_paths)
        return self.modules[rev.revision]

    def translate_direction(self, rev, direction):
        body = rev.upgrade if direction == "upgrade" else rev.downgrade
        other = rev.downgrade if direction == "upgrade" else rev.upgrade
        reads = reads_data(body)
        if reads is not None:
            return Direction("to-port", reason=f"line {reads[0]}: {direction}() reads data: {reads[1]}")
        try:
            ctx = Context(TypeScope(self.finder.for_revision(rev.source)), self.convention, unnamed_constraints(other))
            return Direction("translated", translate.translate_body(body, ctx))
        except translate.Malformed as why:
            return Direction("refused", reason=f"malformed call: {why}")
        except translate.PluginOperation as why:
            if self.args.online:
                return Direction("online", reason=str(why))
            return Direction("refused", reason=f"{why}; its SQL depends on the live database: import with --online")
        except translate.Untranslatable as why:
            reason = str(why)
        if self.args.online:
            return Direction("online", reason=reason)
        try:
            fn = getattr(self.module(rev), direction)
            return Direction("captured", alembic_sql.render(fn, rev.path, self.convention), reason)
        except alembic_sql.AlembicFailed as failed:
            return Direction("refused", reason=f"{direction}() is not translated ({reason}) and Alembic cannot "
                                               f"render it offline ({failed}): import with --online")

    def capture_online(self, url):
        """Replays every revision up, then down, recording what the ones that need it ran."""
        replay = online.Replay(url, self.convention)
        try:
            order = topological(self.revisions)
            applied = set()
            for rev in order:
                self.replay(replay, rev, "upgrade", applied)
            for rev in reversed(order):
                if rev.revision in applied:
                    self.replay(replay, rev, "downgrade", applied)
        finally:
            replay.close()

    def replay(self, replay, rev, direction, applied):
        result = self.results[rev.revision][direction]
        if direction == "downgrade" and result.kind == "translated" and result.lines and \
                result.lines[0].startswith("op.irreversible("):
            return  # Alembic would stop here; the revisions below are still replayed
        try:
            statements = replay.run(getattr(self.module(rev), direction), rev.path)
            if direction == "upgrade":
                applied.add(rev.revision)
            if result.kind == "online":
                self.results[rev.revision][direction] = Direction(
                    "captured", statements, result.reason, "Alembic ran when replayed on a scratch database (--online)")
        except alembic_sql.AlembicFailed as failed:
            if result.kind == "online":
                self.results[rev.revision][direction] = Direction(
                    "refused", reason=f"{direction}() failed when replayed online ({failed})")

    def state(self, rev):
        kinds = [self.results[rev.revision][d].kind for d in DIRECTIONS]
        if "refused" in kinds or "online" in kinds:
            return "refused"
        if "to-port" in kinds:
            return "to-port"
        if kinds == ["translated", "translated"]:
            return "translated"
        return "partly" if "translated" in kinds else "captured"


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog="retort-import-alembic",
        description="Convert an Alembic versions/ folder into Retort revision files (same IDs and graph).")
    parser.add_argument("versions", help="the Alembic versions folder")
    parser.add_argument("out", help="the Retort migrations folder to write (created if missing)")
    parser.add_argument("--sys-path", action="append", default=[],
                        help="folder Alembic needs on sys.path to import the revisions' modules "
                             "(default: the versions folder's parent)")
    parser.add_argument("--plugin", action="append", default=[],
                        help="module to import before running revisions (registers plugin operations); "
                             "the modules env.py imports are imported too")
    parser.add_argument("--online", action="store_true",
                        help="capture what Alembic really runs, replaying the history on a scratch database")
    parser.add_argument("--scratch-url", help="server for --online (a scratch database is created and dropped "
                                              "there); default: a throwaway server started with "
                                              "tools/throwaway-postgres")
    parser.add_argument("-q", "--quiet", action="store_true", help="print only what needs attention and the summary")
    args = parser.parse_args(argv)
    if args.scratch_url and not args.online:
        parser.error("--scratch-url needs --online")

    try:
        revisions = reader.read_versions(args.versions)
    except (reader.ImportError_, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1

    importer = Importer(args, revisions)
    for rev in revisions:
        importer.results[rev.revision] = {d: importer.translate_direction(rev, d) for d in DIRECTIONS}
    needs_online = any(r[d].kind == "online" for r in importer.results.values() for d in DIRECTIONS)
    if needs_online:
        try:
            if args.scratch_url:
                importer.capture_online(args.scratch_url)
            else:
                with online.ThrowawayServer(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))) as url:
                    importer.capture_online(url)
        except online.ScratchFailed as exc:
            print(f"error: {writer.redact(str(exc))}", file=sys.stderr)
            return 1

    os.makedirs(args.out, exist_ok=True)
    counts = {s: 0 for s in ("translated", "partly", "captured", "to-port", "refused")}
    written = set()
    for rev in revisions:
        result = importer.results[rev.revision]
        state = importer.state(rev)
        counts[state] += 1
        path = os.path.join(args.out, writer.file_name(rev))
        written.add(os.path.basename(path))
        bodies = {d: writer.body(rev, d, result[d]) for d in DIRECTIONS}
        writer.write_if_changed(path, writer.revision_source(rev, bodies["upgrade"], bodies["downgrade"]))
        if state != "translated":
            reasons = "; ".join(f"{d}: {result[d].kind}" + (f" ({at(rev, result[d].reason)})" if result[d].reason
                                                             else "")
                                for d in DIRECTIONS if result[d].kind != "translated")
            print(f"{state:10} {rev.revision}  {reasons}")
        elif not args.quiet:
            print(f"{state:10} {rev.revision}  {path}")
    writer.remove_stale_imports(args.out, written)
    print(f"imported {len(revisions)} revisions: {counts['translated']} translated, {counts['partly']} partly, "
          f"{counts['captured']} captured, {counts['to-port']} to-port, {counts['refused']} refused")
    return EXIT_HAND_WORK if counts["to-port"] + counts["refused"] else 0


if __name__ == "__main__":
    sys.exit(main())
