"""budget comments

Revision ID: 95c911c28c32
Revises: fdcb9c4c0a36
Create Date: 2026-11-20 08:24:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = '95c911c28c32'
down_revision = 'fdcb9c4c0a36'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table_comment("budgets", "spending caps per period")
    op.alter_column("budgets", "cap", comment="upper bound", existing_type=sa.Numeric(12, 2))


def downgrade():
    op.alter_column("budgets", "cap", comment=None, existing_type=sa.Numeric(12, 2))
    op.drop_table_comment("budgets")
