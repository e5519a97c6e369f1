"""index transfers by time

Revision ID: 729ab2376063
Revises: 8f265fe957f9
Create Date: 2026-11-20 08:19:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = '729ab2376063'
down_revision = '8f265fe957f9'
branch_labels = None
depends_on = None


def upgrade():
    op.create_index(op.f("ix_transfers_booked_at"), "transfers", ["booked_at"], postgresql_include=["amount"])


def downgrade():
    op.drop_index(op.f("ix_transfers_booked_at"), table_name="transfers")
