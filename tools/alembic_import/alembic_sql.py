"""Asks a real Alembic for the SQL its offline mode renders, split by revision.

The importer embeds this SQL for bodies it cannot translate, so the imported revision does what
Alembic did: Python logic that only builds statements (loops, string formatting, model imports)
is captured exactly. Logic that reads the database (op.get_bind() queries) cannot be rendered
offline; Alembic then fails, and the importer says so.
"""
import os
import re
import shutil
import subprocess
import tempfile

ENV_PY = '''
from alembic import context
context.configure(url="postgresql://", literal_binds=True, dialect_opts={"paramstyle": "named"},
                  version_table=%(table)r)
with context.begin_transaction():
    context.run_migrations()
'''

INI = '''[alembic]
script_location = %(script)s
version_locations = %(versions)s
prepend_sys_path = %(paths)s
'''

_BOOKKEEPING = re.compile(
    r"^(BEGIN|COMMIT|CREATE TABLE (IF NOT EXISTS )?alembic_version|INSERT INTO alembic_version|"
    r"UPDATE alembic_version|DELETE FROM alembic_version|DROP TABLE alembic_version)\b")
_MARKER = re.compile(r"^-- Running (upgrade|downgrade) (.*?) -> (.*?)$", re.MULTILINE)


class AlembicFailed(Exception):
    pass


def _alembic(workdir, args):
    exe = shutil.which("alembic") or "/usr/bin/alembic"
    proc = subprocess.run([exe, "-c", os.path.join(workdir, "alembic.ini")] + args,
                          capture_output=True, text=True, cwd=workdir)
    if proc.returncode != 0:
        lines = [l for l in proc.stderr.strip().splitlines() if l.strip()]
        raise AlembicFailed(lines[-1] if lines else f"alembic {' '.join(args)} failed")
    return proc.stdout


def statements(section):
    """(sql, autocommit) pairs of one '-- Running' section, without Alembic's own bookkeeping.

    Inside a section, Alembic's offline autocommit_block() prints COMMIT, the statements, BEGIN:
    those statements are marked autocommit so the import keeps them out of a transaction.
    """
    out = []
    autocommit = False
    for chunk in section.split(";\n\n"):
        text = chunk.strip()
        if not text or text.startswith("--"):
            continue
        if text.endswith(";"):
            text = text[:-1].rstrip()
        if text == "COMMIT":
            autocommit = True
        elif text == "BEGIN":
            autocommit = False
        elif not _BOOKKEEPING.match(text):
            out.append((text, autocommit))
    return out


def _split(output, direction):
    """{revision: [statements]} from offline output, keyed by the revision the step runs."""
    result = {}
    markers = list(_MARKER.finditer(output))
    for i, m in enumerate(markers):
        if m.group(1) != direction:
            continue
        end = markers[i + 1].start() if i + 1 < len(markers) else len(output)
        rev = m.group(3).split(",")[0].strip() if direction == "upgrade" else m.group(2).split(",")[0].strip()
        rev = rev.split()[0] if rev else rev
        result.setdefault(rev, statements(output[m.end():end]))
    return result


def offline_sql(versions_dir, heads, sys_paths):
    """(upgrade, downgrade) maps of revision -> statements, as Alembic renders them offline."""
    workdir = tempfile.mkdtemp(prefix="retort-import-")
    try:
        with open(os.path.join(workdir, "env.py"), "w") as f:
            f.write(ENV_PY % {"table": "alembic_version"})
        with open(os.path.join(workdir, "alembic.ini"), "w") as f:
            f.write(INI % {"script": workdir, "versions": os.path.abspath(versions_dir),
                           "paths": os.pathsep.join(os.path.abspath(p) for p in sys_paths)})
        up = _split(_alembic(workdir, ["upgrade", "heads", "--sql"]), "upgrade")
        down = {}
        for head in heads:
            for rev, sql in _split(_alembic(workdir, ["downgrade", f"{head}:base", "--sql"]), "downgrade").items():
                down.setdefault(rev, sql)
        return up, down
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
