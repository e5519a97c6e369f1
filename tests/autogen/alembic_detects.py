"""What Alembic's own autogenerate detects for each (before.sql, after.sql) pair of the corpus.

For every pair: two fresh databases on the test server, `before` and `after`; the `after` database
is reflected into a MetaData (every schema, as a team whose models match it would have), and
Alembic 1.8.1's compare_metadata compares it with `before`, with compare_type=True,
compare_server_default=True and include_schemas=True. Each difference becomes the key of the
object it concerns ("table public.users", "column public.users.email", "index public.ix_users_name",
"constraint public.users.uq_users_email") and the whole result is written as one JSON object:
{"format": 1, "pairs": {"001_schema_add": ["...", ...], ...}}.

usage: alembic_detects.py ENV_FILE PAIRS_DIR OUT.json   (ctest: autogen.alembic_detects_current)
"""
import json
import os
import sys
import warnings

import psycopg2
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext


def read_env(path):
    env = {}
    with open(path) as f:
        for line in f:
            if "=" in line:
                k, v = line.rstrip("\n").split("=", 1)
                env[k] = v
    return env


def url(env, db, driver="postgresql"):
    return f"{driver}://{env['PGUSER']}:{env['PGPASSWORD']}@{env['PGHOST']}:{env['PGPORT']}/{db}"


RESET = r"""
DO $$
DECLARE r record;
BEGIN
    FOR r IN SELECT nspname FROM pg_namespace
             WHERE nspname NOT LIKE 'pg\_%' AND nspname <> 'information_schema' LOOP
        EXECUTE format('DROP SCHEMA %I CASCADE', r.nspname);
    END LOOP;
    FOR r IN SELECT extname FROM pg_extension WHERE extname <> 'plpgsql' LOOP
        EXECUTE format('DROP EXTENSION %I CASCADE', r.extname);
    END LOOP;
END $$;
CREATE SCHEMA public;
"""


def create(env, db):
    admin = psycopg2.connect(url(env, "postgres"))
    admin.autocommit = True
    with admin.cursor() as cur:
        cur.execute(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')
        cur.execute(f'CREATE DATABASE "{db}"')
    admin.close()


def load(env, db, sql):
    """Empties the database (cheaper than a new one) and runs the pair's SQL."""
    conn = psycopg2.connect(url(env, db))
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute(RESET)
        if sql.strip():
            cur.execute(sql)
    conn.close()


def drop(env, db):
    admin = psycopg2.connect(url(env, "postgres"))
    admin.autocommit = True
    with admin.cursor() as cur:
        cur.execute(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')
    admin.close()


def user_schemas(inspector):
    return [s for s in inspector.get_schema_names() if s != "information_schema" and not s.startswith("pg_")]


def qualified(schema, name):
    return f"{schema or 'public'}.{name}"


def table_of(obj):
    return qualified(obj.table.schema, obj.table.name)


def keys_of(diff):
    """The object keys one compare_metadata entry names."""
    if isinstance(diff, list):  # modify_* entries come grouped per column
        return [k for d in diff for k in keys_of(d)]
    kind = diff[0]
    if kind in ("add_table", "remove_table", "add_table_comment", "remove_table_comment"):
        return ["table " + qualified(diff[1].schema, diff[1].name)]
    if kind in ("add_column", "remove_column"):
        return [f"column {qualified(diff[1], diff[2])}.{diff[3].name}"]
    if kind.startswith("modify_"):
        return [f"column {qualified(diff[1], diff[2])}.{diff[3]}"]
    if kind in ("add_index", "remove_index"):
        return ["index " + qualified(diff[1].table.schema, diff[1].name)]
    if kind in ("add_constraint", "remove_constraint", "add_fk", "remove_fk"):
        return [f"constraint {table_of(diff[1])}.{diff[1].name}"]
    return ["unknown " + kind]


def detect(env, before_sql, after_sql):
    load(env, "alembic_before", before_sql)
    load(env, "alembic_after", after_sql)
    target_engine = sa.create_engine(url(env, "alembic_after"))
    metadata = sa.MetaData()
    with target_engine.connect() as conn:
        for schema in user_schemas(sa.inspect(conn)):
            metadata.reflect(conn, schema=None if schema == "public" else schema)
    target_engine.dispose()
    engine = sa.create_engine(url(env, "alembic_before"))
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={
            "compare_type": True,
            "compare_server_default": True,
            "include_schemas": True,
            "include_name": lambda name, type_, parent: not (type_ == "schema" and name == "information_schema"),
        })
        try:
            diffs = compare_metadata(context, metadata)
        except sa.exc.SQLAlchemyError as e:
            # Alembic 1.8.1 fails outright on some reflected server defaults ('x'::text); the pair
            # then counts as nothing detected, and the report names the failure.
            diffs, failure = [], "alembic failed: " + str(e.orig if hasattr(e, "orig") else e).splitlines()[0]
        else:
            failure = None
    engine.dispose()
    keys = sorted({k for d in diffs for k in keys_of(d)})
    return keys + ([failure] if failure else [])


def main():
    env_file, pairs_dir, out = sys.argv[1:4]
    env = read_env(env_file)
    warnings.simplefilter("ignore")  # unknown types (tstzrange, citext) reflect as NullType, with a warning
    result = {}
    create(env, "alembic_before")
    create(env, "alembic_after")
    for name in sorted(os.listdir(pairs_dir)):
        d = os.path.join(pairs_dir, name)
        with open(os.path.join(d, "before.sql")) as b, open(os.path.join(d, "after.sql")) as a:
            result[name] = detect(env, b.read(), a.read())
    drop(env, "alembic_before")
    drop(env, "alembic_after")
    with open(out, "w") as f:
        json.dump({"format": 1, "pairs": result}, f, indent=1, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
