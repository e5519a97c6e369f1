#!/usr/bin/python3
"""Writes one synthetic revision graph twice: as Retort revision files and as Alembic scripts.

    bench/generate.py --shape linear|dag --count N --out DIR
    bench/generate.py --shape history --count N --out DIR

DIR/retort/   N revision files (*.cpp) for add_migrations()
DIR/alembic/  alembic.ini, env.py, versions/*.py: the same IDs, parents and operations

Shapes:
  linear  a chain: each revision's parent is the one before it.
  dag     blocks of ten: a branch point, two branches (four and three revisions), and a merge of
          the two; the next block starts from that merge. N is rounded up to a multiple of ten so
          the graph ends in one head.

Every revision creates a table with four columns and an index, and drops both on downgrade, in
both tools (one transaction per revision in both).

  history  only DIR/alembic/: an Alembic history shaped like a long-lived real one, for timing
           tools/retort-import-alembic (bench/README.md, "Import"): two branch points and two
           merges, about four op.* calls a revision, and the constructs such histories collect
           (unnamed constraints, `raise` downgrades, commit() before an autocommit block, enums
           created through op.get_bind() and synced by a plugin operation, loops that build SQL,
           $$ functions, server_default=sa.func.now()).
"""
import argparse
import hashlib
import os
import sys


def revision_id(shape, n):
    return hashlib.sha1(f"{shape}:{n}".encode()).hexdigest()[:12]


def parents_of(shape, i):
    """Indexes of revision i's parents."""
    if i == 0:
        return []
    if shape == "linear":
        return [i - 1]
    j = i % 10
    if j == 5:
        return [i - 5]          # second branch starts at the block's branch point
    if j == 9:
        return [i - 5, i - 1]   # merge the two branch tips
    return [i - 1]


RETORT_TEMPLATE = """\
// create table t_{n:05d}
//
// revision: {rev}
// parents:{parents}
// branch_labels:
// depends_on:
// created: 2026-01-01 00:00:00
// message: create table t_{n:05d}
#include <retort/migration.hpp>

using namespace retort;

RETORT_REVISION({rev});

void upgrade(ops& op) {{
    op.create_table("t_{n:05d}", {{
        Column("id", Integer()).primary_key(),
        Column("name", String(100)).nullable(false),
        Column("created_at", DateTime(true)).nullable(false).server_default(sql("now()")),
        Column("amount", Numeric(12, 2)),
    }});
    op.create_index("ix_t_{n:05d}_name", "t_{n:05d}", {{"name"}});
}}

void downgrade(ops& op) {{
    op.drop_index("ix_t_{n:05d}_name");
    op.drop_table("t_{n:05d}");
}}
"""

ALEMBIC_HEADER = '''\
"""{message}

Revision ID: {rev}
Revises: {revises}
Create Date: 2026-01-01 00:00:00

"""
from alembic import op
import sqlalchemy as sa
{imports}
revision = "{rev}"
down_revision = {down}
branch_labels = None
depends_on = None

'''

ALEMBIC_TEMPLATE = '''
def upgrade():
    op.create_table(
        "t_{n:05d}",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.text("now()")),
        sa.Column("amount", sa.Numeric(12, 2)),
    )
    op.create_index("ix_t_{n:05d}_name", "t_{n:05d}", ["name"])


def downgrade():
    op.drop_index("ix_t_{n:05d}_name", table_name="t_{n:05d}")
    op.drop_table("t_{n:05d}")
'''

ALEMBIC_INI = """\
[alembic]
script_location = %(here)s
sqlalchemy.url = postgresql://

[loggers]
keys = root

[handlers]
keys = console

[formatters]
keys = generic

[logger_root]
level = WARN
handlers = console

[handler_console]
class = StreamHandler
args = (sys.stderr,)
level = NOTSET
formatter = generic

[formatter_generic]
format = %(levelname)-5.5s [%(name)s] %(message)s
"""

# One transaction per revision, like Retort's default. The URL comes from BENCH_ALEMBIC_URL.
ALEMBIC_ENV = """\
import os

from alembic import context
from sqlalchemy import create_engine, pool

url = os.environ.get("BENCH_ALEMBIC_URL", "postgresql://")

if context.is_offline_mode():
    context.configure(url=url, literal_binds=True, transaction_per_migration=True)
    with context.begin_transaction():
        context.run_migrations()
else:
    engine = create_engine(url, poolclass=pool.NullPool)
    with engine.connect() as connection:
        context.configure(connection=connection, transaction_per_migration=True)
        with context.begin_transaction():
            context.run_migrations()
"""


def write(path, text):
    """Writes only a changed file, so regenerating the same graph rebuilds nothing."""
    try:
        with open(path) as f:
            if f.read() == text:
                return
    except FileNotFoundError:
        pass
    with open(path, "w") as f:
        f.write(text)


def generate(shape, count, out):
    if shape == "dag":
        count = (count + 9) // 10 * 10
    retort_dir = os.path.join(out, "retort")
    versions_dir = os.path.join(out, "alembic", "versions")
    os.makedirs(retort_dir, exist_ok=True)
    os.makedirs(versions_dir, exist_ok=True)
    written = set()
    for i in range(count):
        n = i + 1
        rev = revision_id(shape, i)
        parents = [revision_id(shape, p) for p in parents_of(shape, i)]
        written.update({f"{rev}_create_table_t_{n:05d}.cpp", f"{rev}_create_table_t_{n:05d}.py"})
        write(os.path.join(retort_dir, f"{rev}_create_table_t_{n:05d}.cpp"),
              RETORT_TEMPLATE.format(n=n, rev=rev, parents=" " + ", ".join(parents) if parents else ""))
        if not parents:
            down = "None"
        elif len(parents) == 1:
            down = f'"{parents[0]}"'
        else:
            down = "(" + ", ".join(f'"{p}"' for p in parents) + ")"
        write(os.path.join(versions_dir, f"{rev}_create_table_t_{n:05d}.py"),
              ALEMBIC_HEADER.format(message=f"create table t_{n:05d}", rev=rev, revises=", ".join(parents), down=down,
                                    imports="") + ALEMBIC_TEMPLATE.format(n=n))
    for d in (retort_dir, versions_dir):
        for name in os.listdir(d):
            if name.endswith((".cpp", ".py")) and name not in written:
                os.remove(os.path.join(d, name))
    write(os.path.join(out, "alembic", "alembic.ini"), ALEMBIC_INI)
    write(os.path.join(out, "alembic", "env.py"), ALEMBIC_ENV)
    return count


# The enum-sync operation, in the style of the alembic_postgresql_enum plugin (not packaged in
# Debian); env.py imports it as a project would import the plugin.
HISTORY_PLUGIN = '''\
from alembic.operations import MigrateOperation, Operations


@Operations.register_operation("sync_enum_values")
class SyncEnumValuesOp(MigrateOperation):
    def __init__(self, schema, name, values, columns):
        self.schema, self.name, self.values, self.columns = schema, name, values, columns

    @classmethod
    def sync_enum_values(cls, operations, schema, name, values, columns, enum_values_to_rename=()):
        return operations.invoke(cls(schema, name, values, columns))


@Operations.implementation_for(SyncEnumValuesOp)
def sync_enum_values(operations, operation):
    q, old = f"{operation.schema}.{operation.name}", f"{operation.name}_old"
    operations.execute(f"ALTER TYPE {q} RENAME TO {old}")
    operations.execute(f"CREATE TYPE {q} AS ENUM (" + ", ".join(f"'{v}'" for v in operation.values) + ")")
    for table, column in operation.columns:
        operations.execute(f"ALTER TABLE {table} ALTER COLUMN {column} TYPE {q} USING {column}::text::{q}")
    operations.execute(f"DROP TYPE {operation.schema}.{old}")
'''


def history_parents(i):
    """Two branch points (at revisions 100 and 200 of 300, scaled) with two branches each, merged."""
    if i == 0:
        return []
    for start in (HISTORY_BRANCHES):
        if i == start + 21:
            return [start]                 # the second branch leaves the branch point
        if i == start + 41:
            return [start + 20, start + 40]  # the merge
    return [i - 1]


HISTORY_BRANCHES = (100, 200)


def history_body(i):
    """upgrade() and downgrade() of revision i: a table, and one of the constructs by turn."""
    t = f"h_{i:05d}"
    up = [f'op.create_table("{t}", sa.Column("id", sa.Integer(), primary_key=True), '
          f'sa.Column("name", sa.String(100), nullable=False), '
          f'sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now()), '
          f'sa.Column("amount", sa.Numeric(12, 2)))',
          f'op.create_index(op.f("ix_{t}_name"), "{t}", ["name"])']
    down = [f'op.drop_index(op.f("ix_{t}_name"), table_name="{t}")', f'op.drop_table("{t}")']
    kind = i % 10
    if kind == 1:
        up += [f'op.create_unique_constraint(None, "{t}", ["name", "amount"])',
               f'op.create_check_constraint(None, table_name="{t}", condition="amount >= 0")']
        down = [f'op.drop_constraint("{t}_amount_check", "{t}", type_="check")',
                f'op.drop_constraint(None, "{t}", type_="unique")'] + down
    elif kind == 2:
        up += [f'sa.Enum("a", "b", name="e_{i:05d}").create(op.get_bind())',
               f'op.add_column("{t}", sa.Column("e", postgresql.ENUM(name="e_{i:05d}", create_type=False)))']
        down = [f'op.drop_column("{t}", "e")', f'sa.Enum(name="e_{i:05d}").drop(op.get_bind())'] + down
    elif kind == 3 and i >= 3:
        up += [f'op.sync_enum_values("public", "e_{i - 1:05d}", ["a", "b", "c"], [("h_{i - 1:05d}", "e")])']
        down = [f'op.sync_enum_values("public", "e_{i - 1:05d}", ["a", "b"], [("h_{i - 1:05d}", "e")])'] + down
    elif kind == 4:
        up += ['for n in range(3):\n        op.execute(f"INSERT INTO ' + t + ' (name, amount) VALUES (\'r{n}\', {n})")']
    elif kind == 5:
        up += ['body = "BEGIN\\n    NEW.name := upper(NEW.name);\\n\\n    RETURN NEW;\\nEND;"',
               'op.execute(f"CREATE FUNCTION ' + t + '_up() RETURNS trigger AS $$\\n{body}\\n$$ LANGUAGE plpgsql")']
        down = [f'op.execute("DROP FUNCTION {t}_up()")'] + down
    elif kind == 6:
        up += [f'op.add_column("{t}", sa.Column("note", sa.Text(), server_default="", nullable=False))',
               f'op.alter_column("{t}", "note", comment="free text", existing_type=sa.Text())']
    if i % 33 == 7:
        up += ["op.get_bind().commit()",
               f'with op.get_context().autocommit_block():\n        op.create_index("ix_{t}_created", "{t}", '
               f'["created_at"], postgresql_concurrently=True)']
    if i % 11 == 5:
        down = [f'raise NotImplementedError("revision {i} cannot be reverted")']
    return up, down


def generate_history(count, out):
    versions_dir = os.path.join(out, "alembic", "versions")
    os.makedirs(versions_dir, exist_ok=True)
    written = set()
    for i in range(count):
        rev = revision_id("history", i)
        parents = [revision_id("history", p) for p in history_parents(i)]
        down = "None" if not parents else (f'"{parents[0]}"' if len(parents) == 1 else
                                           "(" + ", ".join(f'"{p}"' for p in parents) + ")")
        up, downgrade = history_body(i)
        name = f"{rev}_history_{i:05d}.py"
        written.add(name)
        write(os.path.join(versions_dir, name),
              ALEMBIC_HEADER.format(message=f"history step {i}", rev=rev, revises=", ".join(parents), down=down,
                                    imports="from sqlalchemy.dialects import postgresql\n") +
              "\ndef upgrade():\n" + "".join(f"    {line}\n" for line in up) +
              "\n\ndef downgrade():\n" + "".join(f"    {line}\n" for line in downgrade))
    for name in os.listdir(versions_dir):
        if name.endswith(".py") and name not in written:
            os.remove(os.path.join(versions_dir, name))
    write(os.path.join(out, "alembic", "alembic.ini"), ALEMBIC_INI)
    write(os.path.join(out, "alembic", "env.py"), "import enum_plugin  # noqa: F401\n" + ALEMBIC_ENV)
    write(os.path.join(out, "alembic", "enum_plugin.py"), HISTORY_PLUGIN)
    return count


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shape", choices=["linear", "dag", "history"], required=True)
    parser.add_argument("--count", type=int, required=True)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    if args.count < 1:
        sys.exit("generate.py: --count must be at least 1")
    if args.shape == "history":
        generate_history(args.count, args.out)
    else:
        generate(args.shape, args.count, args.out)


if __name__ == "__main__":
    main()
