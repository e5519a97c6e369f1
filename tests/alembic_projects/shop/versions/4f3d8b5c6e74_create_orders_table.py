"""create orders table

Revision ID: 4f3d8b5c6e74
Revises: 3e2c7a4b5d63
Create Date: 2026-11-01 10:04:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = '4f3d8b5c6e74'
down_revision = '3e2c7a4b5d63'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "orders",
        sa.Column("id", sa.BigInteger(), primary_key=True),
        sa.Column("user_id", sa.Integer(), sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
        sa.Column("status", sa.String(20), server_default="new", nullable=False),
        sa.Column("placed_at", sa.DateTime(), nullable=True),
        sa.Column("note", sa.Text()),
    )
    op.create_index("ix_orders_user_id", "orders", ["user_id"])


def downgrade():
    op.drop_index("ix_orders_user_id", table_name="orders")
    op.drop_table("orders")
