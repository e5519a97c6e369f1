"""exchange rates

Revision ID: 6123d13c01a6
Revises: dd9fc206bacc
Create Date: 2026-11-20 08:51:00.000000

"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

revision = '6123d13c01a6'
down_revision = 'dd9fc206bacc'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "rates",
        sa.Column("base", sa.CHAR(3), sa.ForeignKey("currencies.code"), nullable=False),
        sa.Column("quote", sa.CHAR(3), sa.ForeignKey("currencies.code"), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("rate", postgresql.DOUBLE_PRECISION(precision=53), nullable=False),
        sa.PrimaryKeyConstraint("base", "quote", "day"),
    )


def downgrade():
    op.drop_table("rates")
