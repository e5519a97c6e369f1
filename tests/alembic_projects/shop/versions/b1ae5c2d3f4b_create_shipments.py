"""create shipments

Revision ID: b1ae5c2d3f4b
Revises: 7c6a1e8f9b07
Create Date: 2026-11-01 10:11:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = 'b1ae5c2d3f4b'
down_revision = '7c6a1e8f9b07'
branch_labels = ('shipping',)
depends_on = None


def upgrade():
    op.create_table(
        "shipments",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("order_id", sa.BigInteger(), sa.ForeignKey("orders.id"), nullable=False),
        sa.Column("carrier", sa.String(40), nullable=False),
        sa.Column("tracking", sa.String(64)),
        sa.Column("shipped_at", sa.DateTime(timezone=True)),
    )


def downgrade():
    op.drop_table("shipments")
