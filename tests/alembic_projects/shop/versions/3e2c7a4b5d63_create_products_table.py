"""create products table

Revision ID: 3e2c7a4b5d63
Revises: 2d1b6f3a4c52
Create Date: 2026-11-01 10:03:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = '3e2c7a4b5d63'
down_revision = '2d1b6f3a4c52'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "products",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sku", sa.String(32), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("price", sa.Numeric(12, 2), server_default="0", nullable=False),
        sa.Column("active", sa.Boolean(), server_default=sa.text("true"), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_products"),
        sa.UniqueConstraint("sku", name="uq_products_sku"),
        sa.CheckConstraint("price >= 0", name="ck_products_price"),
    )


def downgrade():
    op.drop_table("products")
