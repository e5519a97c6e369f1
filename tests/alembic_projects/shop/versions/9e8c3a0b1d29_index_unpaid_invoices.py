"""index unpaid invoices

Revision ID: 9e8c3a0b1d29
Revises: 8d7b2f9a0c18
Create Date: 2026-11-01 10:09:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = '9e8c3a0b1d29'
down_revision = '8d7b2f9a0c18'
branch_labels = None
depends_on = None


def upgrade():
    op.create_index("ix_invoices_unpaid", "invoices", ["issued_on"], postgresql_where=sa.text("NOT paid"))


def downgrade():
    op.drop_index("ix_invoices_unpaid", table_name="invoices")
