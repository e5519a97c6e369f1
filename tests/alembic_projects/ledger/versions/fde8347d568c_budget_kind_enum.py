"""budget kind enum

Revision ID: fde8347d568c
Revises: 9f13955fb78c
Create Date: 2026-11-20 08:28:00.000000

"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

revision = 'fde8347d568c'
down_revision = '9f13955fb78c'
branch_labels = None
depends_on = None


def upgrade():
    kind = postgresql.ENUM("hard", "soft", name="budget_kind")
    kind.create(op.get_bind())
    op.add_column("budgets", sa.Column("kind", kind, server_default="soft"))


def downgrade():
    op.drop_column("budgets", "kind")
    postgresql.ENUM(name="budget_kind").drop(op.get_bind())
