"""daily sales table

Revision ID: 9f8c34065729
Revises: 8e7b23f54618
Create Date: 2026-11-01 10:25:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = '9f8c34065729'
down_revision = '8e7b23f54618'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "daily_sales",
        sa.Column("day", sa.Date(), primary_key=True),
        sa.Column("total", sa.Numeric(14, 2), nullable=False),
        schema="reporting",
    )


def downgrade():
    op.drop_table("daily_sales", schema="reporting")
