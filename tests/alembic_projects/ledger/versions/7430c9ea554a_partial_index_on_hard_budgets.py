"""partial index on hard budgets

Revision ID: 7430c9ea554a
Revises: fde8347d568c
Create Date: 2026-11-20 08:29:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = '7430c9ea554a'
down_revision = 'fde8347d568c'
branch_labels = None
depends_on = None


def upgrade():
    op.create_index("ix_budgets_hard", "budgets", ["account_id"], postgresql_where=sa.text("kind = 'hard'"))


def downgrade():
    op.drop_index("ix_budgets_hard", table_name="budgets")
