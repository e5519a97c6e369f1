"""create statements

Revision ID: 095f3b908ff4
Revises: b6ac53c66092
Create Date: 2026-11-20 08:31:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = '095f3b908ff4'
down_revision = 'b6ac53c66092'
branch_labels = ('reporting',)
depends_on = None


def upgrade():
    op.create_table(
        "statements",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("closing", sa.Numeric(14, 2)),
        sa.UniqueConstraint("account_id", "month", name="uq_statements_month"),
    )


def downgrade():
    op.drop_table("statements")
