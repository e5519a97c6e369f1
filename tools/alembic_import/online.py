"""--online: replays the Alembic history with real Alembic on a scratch database, one revision
at a time, and records the statements each revision's upgrade() and downgrade() really ran.

A SQLAlchemy before_cursor_execute hook sees every statement with its bound parameters (inlined
with the driver's own quoting) and whether the connection was in autocommit (an autocommit
block). This captures what offline rendering cannot: op.get_bind() DDL, commit(), and plugin
operations whose SQL depends on the live catalog.
"""
import os
import re
import subprocess
import tempfile
import uuid

from .alembic_sql import AlembicFailed, describe, metadata

_BOOKKEEPING = re.compile(r"^\s*(SELECT\s+pg_catalog\.|select\s+pg_catalog\.|SELECT\s+current_schema|"
                          r"select\s+current_schema|show\s+|SHOW\s+|select\s+version\(\)|"
                          r"select\s+relname\s+from\s+pg_class)", re.I)


class ScratchFailed(Exception):
    pass


class ThrowawayServer:
    """tools/throwaway-postgres, started for the import and stopped after it."""

    def __init__(self, tools_dir):
        self.script = os.path.join(tools_dir, "throwaway-postgres")
        self.dir = tempfile.mkdtemp(prefix="retort-import-pg-")

    def __enter__(self):
        proc = subprocess.run([self.script, "start", self.dir], capture_output=True, text=True)
        if proc.returncode != 0:
            lines = proc.stderr.strip().splitlines() or ["throwaway-postgres failed"]
            raise ScratchFailed(f"could not start a throwaway PostgreSQL: {lines[-1]}")
        env = {}
        with open(os.path.join(self.dir, "env")) as f:
            for line in f:
                key, _, value = line.rstrip("\n").partition("=")
                env[key] = value
        return env["DATABASE_URL"]

    def __exit__(self, *exc):
        subprocess.run([self.script, "stop", self.dir], capture_output=True)


class Recorder:
    """Collects the statements a connection runs, with parameters inlined."""

    def __init__(self):
        self.statements = []
        self.active = False

    def __call__(self, conn, cursor, statement, parameters, context, executemany):
        if not self.active or _BOOKKEEPING.match(statement):
            return
        autocommit = bool(getattr(cursor.connection, "autocommit", False))
        sets = parameters if executemany else [parameters]
        for params in sets:
            sql = cursor.mogrify(statement, params).decode() if params else statement
            self.statements.append((sql.strip().rstrip(";").strip(), autocommit))


class Replay:
    """One scratch database; run(function) returns what the function ran there."""

    def __init__(self, url, convention):
        import sqlalchemy as sa
        from sqlalchemy import event
        self.base = sa.create_engine(url, future=True, poolclass=sa.pool.NullPool)
        self.db = f"retort_import_{uuid.uuid4().hex[:12]}"
        try:
            with self.base.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                conn.exec_driver_sql(f'CREATE DATABASE "{self.db}"')
        except sa.exc.SQLAlchemyError as exc:
            raise ScratchFailed(f"cannot create a scratch database: {str(exc.orig).strip().splitlines()[0]}") \
                from None
        self.engine = sa.create_engine(self.base.url.set(database=self.db), future=True, poolclass=sa.pool.NullPool)
        self.conn = self.engine.connect()
        self.recorder = Recorder()
        event.listen(self.engine, "before_cursor_execute", self.recorder)
        self.convention = convention

    def run(self, function, path):
        from alembic.operations import Operations
        from alembic.runtime.migration import MigrationContext
        ctx = MigrationContext.configure(connection=self.conn, opts={
            "transaction_per_migration": True, "target_metadata": metadata(self.convention)})
        self.recorder.statements = []
        self.recorder.active = True
        try:
            with ctx.begin_transaction(_per_migration=True):
                with Operations.context(ctx):
                    function()
            if self.conn.in_transaction():
                self.conn.commit()
        except Exception as exc:  # the user's code: anything may fail, and only this revision is affected
            if self.conn.in_transaction():
                self.conn.rollback()
            raise AlembicFailed(describe(exc, path)) from None
        finally:
            self.recorder.active = False
        return list(self.recorder.statements)

    def close(self):
        self.conn.close()
        self.engine.dispose()
        with self.base.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{self.db}" WITH (FORCE)')
        self.base.dispose()
