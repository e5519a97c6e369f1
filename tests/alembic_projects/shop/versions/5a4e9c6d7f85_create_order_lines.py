"""create order lines

Revision ID: 5a4e9c6d7f85
Revises: 4f3d8b5c6e74
Create Date: 2026-11-01 10:05:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = '5a4e9c6d7f85'
down_revision = '4f3d8b5c6e74'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "order_lines",
        sa.Column("order_id", sa.BigInteger(), nullable=False),
        sa.Column("line_no", sa.SmallInteger(), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("quantity", sa.Integer(), server_default="1", nullable=False),
        sa.PrimaryKeyConstraint("order_id", "line_no"),
        sa.ForeignKeyConstraint(["order_id"], ["orders.id"], name="fk_lines_order", ondelete="CASCADE"),
    )
    op.create_foreign_key("fk_lines_product", "order_lines", "products", ["product_id"], ["id"], ondelete="RESTRICT")


def downgrade():
    op.drop_constraint("fk_lines_product", "order_lines", type_="foreignkey")
    op.drop_table("order_lines")
