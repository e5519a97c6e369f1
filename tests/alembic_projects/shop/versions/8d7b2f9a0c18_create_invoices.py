"""create invoices

Revision ID: 8d7b2f9a0c18
Revises: 7c6a1e8f9b07
Create Date: 2026-11-01 10:08:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = '8d7b2f9a0c18'
down_revision = '7c6a1e8f9b07'
branch_labels = ('billing',)
depends_on = None


def upgrade():
    op.create_table(
        "invoices",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("order_id", sa.BigInteger(), nullable=False),
        sa.Column("amount", sa.Numeric(12, 2), nullable=False),
        sa.Column("issued_on", sa.Date(), nullable=False),
        sa.Column("paid", sa.Boolean(), server_default=sa.false(), nullable=False),
    )
    op.create_foreign_key("fk_invoices_order", "invoices", "orders", ["order_id"], ["id"])


def downgrade():
    op.drop_constraint("fk_invoices_order", "invoices", type_="foreignkey")
    op.drop_table("invoices")
