#!/usr/bin/python3
"""Writes one synthetic revision graph twice: as Retort revision files and as Alembic scripts.

    bench/generate.py --shape linear|dag --count N --out DIR

DIR/retort/   N revision files (*.cpp) for add_migrations()
DIR/alembic/  alembic.ini, env.py, versions/*.py: the same IDs, parents and operations

Shapes:
  linear  a chain: each revision's parent is the one before it.
  dag     blocks of ten: a branch point, two branches (four and three revisions), and a merge of
          the two; the next block starts from that merge. N is rounded up to a multiple of ten so
          the graph ends in one head.

Every revision creates a table with four columns and an index, and drops both on downgrade, in
both tools (one transaction per revision in both).
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

ALEMBIC_TEMPLATE = '''\
"""create table t_{n:05d}

Revision ID: {rev}
Revises: {revises}
Create Date: 2026-01-01 00:00:00

"""
from alembic import op
import sqlalchemy as sa

revision = "{rev}"
down_revision = {down}
branch_labels = None
depends_on = None


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
              ALEMBIC_TEMPLATE.format(n=n, rev=rev, revises=", ".join(parents), down=down))
    for d in (retort_dir, versions_dir):
        for name in os.listdir(d):
            if name.endswith((".cpp", ".py")) and name not in written:
                os.remove(os.path.join(d, name))
    write(os.path.join(out, "alembic", "alembic.ini"), ALEMBIC_INI)
    write(os.path.join(out, "alembic", "env.py"), ALEMBIC_ENV)
    return count


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shape", choices=["linear", "dag"], required=True)
    parser.add_argument("--count", type=int, required=True)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    if args.count < 1:
        sys.exit("generate.py: --count must be at least 1")
    generate(args.shape, args.count, args.out)


if __name__ == "__main__":
    main()
