"""create budgets

Revision ID: fdcb9c4c0a36
Revises: b6ac53c66092
Create Date: 2026-11-20 08:23:00.000000

"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

revision = 'fdcb9c4c0a36'
down_revision = 'b6ac53c66092'
branch_labels = ('budgeting',)
depends_on = None


def upgrade():
    op.create_table(
        "budgets",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("period", postgresql.DATERANGE(), nullable=False),
        sa.Column("cap", sa.Numeric(12, 2)),
        sa.ForeignKeyConstraint(["account_id"], ["accounts.id"], name="fk_budgets_account"),
    )


def downgrade():
    op.drop_table("budgets")
