"""retort-import-alembic VERSIONS_DIR OUT_DIR: every Alembic revision becomes a Retort revision."""
import argparse
import os
import sys

from . import alembic_sql, reader, translate, writer


def heads_of(revisions):
    parents = {p for r in revisions for p in r.down_revisions}
    return [r.revision for r in revisions if r.revision not in parents]


def translate_direction(rev, direction, offline, offline_error):
    """(lines, translated?, reason) for one function of a revision."""
    body = rev.upgrade if direction == "upgrade" else rev.downgrade
    try:
        lines = translate.translate_body(body)
        return lines, True, ""
    except translate.Untranslatable as why:
        reason = str(why)
    if offline is None:
        raise SystemExit(f"error: {rev.path}: {direction}() needs Alembic's offline SQL ({reason}), "
                         f"but Alembic could not render it: {offline_error}")
    statements = offline.get(rev.revision, [])
    if not writer.check_sql_literal(statements):
        raise SystemExit(f"error: {rev.path}: the SQL contains ')retort_sql\"' and cannot be embedded")
    return writer.sql_body(statements, reason), False, reason


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog="retort-import-alembic",
        description="Convert an Alembic versions/ folder into Retort revision files (same IDs and graph).")
    parser.add_argument("versions", help="the Alembic versions folder")
    parser.add_argument("out", help="the Retort migrations folder to write (created if missing)")
    parser.add_argument("--sys-path", action="append", default=[],
                        help="folder Alembic needs on sys.path to import the revisions' modules "
                             "(default: the versions folder's parent)")
    parser.add_argument("-q", "--quiet", action="store_true", help="print only the summary")
    args = parser.parse_args(argv)

    try:
        revisions = reader.read_versions(args.versions)
    except (reader.ImportError_, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1

    sys_paths = args.sys_path or [os.path.dirname(os.path.abspath(args.versions.rstrip("/")))]
    offline_up = offline_down = None
    offline_error = ""
    needs_sql = False
    for rev in revisions:
        for body in (rev.upgrade, rev.downgrade):
            try:
                translate.translate_body(body)
            except translate.Untranslatable:
                needs_sql = True
    if needs_sql:
        try:
            offline_up, offline_down = alembic_sql.offline_sql(args.versions, heads_of(revisions), sys_paths)
        except (alembic_sql.AlembicFailed, OSError) as exc:
            offline_error = str(exc)

    os.makedirs(args.out, exist_ok=True)
    counts = {"full": 0, "partly": 0, "sql": 0}
    written = set()
    operations = 0
    for rev in revisions:
        up, up_ok, up_why = translate_direction(rev, "upgrade", offline_up, offline_error)
        down, down_ok, down_why = translate_direction(rev, "downgrade", offline_down, offline_error)
        operations += (len(up) if up_ok else 0) + (len(down) if down_ok else 0)
        kind = "full" if up_ok and down_ok else ("partly" if up_ok or down_ok else "sql")
        counts[kind] += 1
        path = os.path.join(args.out, writer.file_name(rev))
        written.add(os.path.basename(path))
        writer.write_if_changed(path, writer.revision_source(rev, up, down))
        if not args.quiet:
            note = "" if kind == "full" else f"  ({up_why or down_why})"
            print(f"{kind:6} {path}{note}")
    writer.remove_stale_imports(args.out, written)
    print(f"imported {len(revisions)} revisions: {counts['full']} translated fully, {counts['partly']} partly "
          f"(one direction as SQL), {counts['sql']} as SQL only; {operations} operations translated")
    return 0


if __name__ == "__main__":
    sys.exit(main())
