"""seed products

Revision ID: 4a37efb102d4
Revises: 3926dea0f1c3
Create Date: 2026-11-01 10:20:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = '4a37efb102d4'
down_revision = '3926dea0f1c3'
branch_labels = None
depends_on = None


def upgrade():
    products = sa.table("products", sa.column("sku", sa.String), sa.column("name", sa.Text),
                        sa.column("price", sa.Numeric))
    op.bulk_insert(products, [
        {"sku": "TEA-01", "name": "Green tea", "price": 4.5},
        {"sku": "TEA-02", "name": "Black tea", "price": 3.9},
    ])


def downgrade():
    op.execute("DELETE FROM products WHERE sku IN ('TEA-01', 'TEA-02')")
