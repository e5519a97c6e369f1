"""index daily sales

Revision ID: b1ae5628794b
Revises: a09d4517683a
Create Date: 2026-11-01 10:27:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = 'b1ae5628794b'
down_revision = 'a09d4517683a'
branch_labels = None
depends_on = None


def upgrade():
    op.create_index(op.f("ix_reporting_daily_sales_total"), "daily_sales", ["total"], schema="reporting")


def downgrade():
    op.drop_index(op.f("ix_reporting_daily_sales_total"), table_name="daily_sales", schema="reporting")
