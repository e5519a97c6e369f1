"""Asks a real Alembic for the SQL of one revision's function, rendered offline.

Each revision's upgrade()/downgrade() runs on its own under an offline MigrationContext (the
one `alembic upgrade --sql` uses), so one body Alembic cannot render only affects its revision,
and the error names the line of that revision that failed. Python logic that only builds
statements (loops, string formatting, model imports) is captured exactly; logic that needs the
live database (op.get_bind() queries, plugin operations) is not: that is --online's job.
"""
import contextlib
import importlib.util
import io
import os
import sys
import traceback

from .sql_split import split_statements


class AlembicFailed(Exception):
    """Alembic raised while running a revision's function; the message names the line."""


def load_module(path, sys_paths):
    """The revision file as a module, the way Alembic loads it (with prepend_sys_path)."""
    for p in reversed(sys_paths):
        p = os.path.abspath(p)
        if p not in sys.path:
            sys.path.insert(0, p)
    name = "retort_import_" + os.path.basename(path)[:-3].replace("-", "_")
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    try:
        spec.loader.exec_module(module)
    except Exception as exc:  # the user's module: anything may fail while importing it
        raise AlembicFailed(describe(exc, path)) from None
    return module


def describe(exc, path):
    """'line N: Type: message' of the frame in the revision file (or the last frame)."""
    frames = traceback.extract_tb(exc.__traceback__)
    line = next((f.lineno for f in reversed(frames) if os.path.abspath(f.filename) == os.path.abspath(path)), None)
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    what = f"{type(exc).__name__}: {text}" if text else type(exc).__name__
    return f"line {line}: {what}" if line else what


def metadata(convention):
    import sqlalchemy as sa
    return sa.MetaData(naming_convention=convention) if convention else sa.MetaData()


def statements(text):
    """(sql, autocommit) pairs; offline, an autocommit block prints COMMIT, its statements, BEGIN."""
    out, autocommit = [], False
    for sql in split_statements(text):
        if sql == "COMMIT":
            autocommit = True
        elif sql == "BEGIN":
            autocommit = False
        else:
            out.append((sql, autocommit))
    return out


def render(function, path, convention):
    """[(sql, autocommit)] Alembic's offline mode prints for one function of a revision."""
    from alembic.operations import Operations
    from alembic.runtime.migration import MigrationContext
    buf = io.StringIO()
    ctx = MigrationContext.configure(dialect_name="postgresql", dialect_opts={"paramstyle": "named"}, opts={
        "as_sql": True, "output_buffer": buf, "literal_binds": True, "target_metadata": metadata(convention)})
    try:
        with Operations.context(ctx), contextlib.redirect_stdout(io.StringIO()):
            function()
    except Exception as exc:  # the user's code: anything may fail, and only this revision is affected
        raise AlembicFailed(describe(exc, path)) from None
    return statements(buf.getvalue())
