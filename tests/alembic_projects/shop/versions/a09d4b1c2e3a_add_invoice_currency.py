"""add invoice currency

Revision ID: a09d4b1c2e3a
Revises: 9e8c3a0b1d29
Create Date: 2026-11-01 10:10:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = 'a09d4b1c2e3a'
down_revision = '9e8c3a0b1d29'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("invoices", sa.Column("currency", sa.CHAR(3), server_default="EUR", nullable=False))


def downgrade():
    op.drop_column("invoices", "currency")
