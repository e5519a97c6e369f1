"""data: bulk_insert, execute with bound parameters, add nullable column -> fill -> NOT NULL"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

revision = "c1a000000006"
down_revision = "c1a000000005"

kinds = sa.table("kinds", sa.column("code", sa.String), sa.column("small", sa.Integer),
                 sa.column("ratio", sa.Float), sa.column("flag", sa.Boolean), sa.column("body", sa.Text),
                 sa.column("tags", postgresql.ARRAY(sa.Text)))


def upgrade():
    op.bulk_insert(kinds, [
        {"code": "a", "small": 1, "ratio": 10.5, "flag": True, "body": "o'hara", "tags": ["x", "y"]},
        {"code": "b", "small": 2, "ratio": 0, "flag": False, "body": None, "tags": []},
        {"code": "c", "small": 3, "ratio": -1.25, "flag": True, "body": "c", "tags": None},
    ])
    op.execute(sa.text("UPDATE kinds SET body = :body WHERE code = :code AND small = :small")
               .bindparams(body="it's b", code="b", small=2))
    op.add_column("kinds", sa.Column("slug", sa.Text()))
    op.execute("UPDATE kinds SET slug = upper(code)")
    op.alter_column("kinds", "slug", nullable=False)


def downgrade():
    op.drop_column("kinds", "slug")
    op.execute(sa.text("DELETE FROM kinds WHERE code IN ('a', 'b', 'c')"))
