"""index orders concurrently

Revision ID: f5e29abcd28f
Revises: e4d189abc17e
Create Date: 2026-11-01 10:31:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = 'f5e29abcd28f'
down_revision = 'e4d189abc17e'
branch_labels = None
depends_on = None


def upgrade():
    with op.get_context().autocommit_block():
        op.create_index("ix_orders_placed_at", "orders", ["placed_at"], postgresql_concurrently=True)


def downgrade():
    with op.get_context().autocommit_block():
        op.drop_index("ix_orders_placed_at", table_name="orders", postgresql_concurrently=True)
