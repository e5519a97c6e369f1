"""deferrable unique sku per name

Revision ID: 2815cdef05bc
Revises: 1704bcdef4ab
Create Date: 2026-11-01 10:34:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = '2815cdef05bc'
down_revision = '1704bcdef4ab'
branch_labels = None
depends_on = None


def upgrade():
    op.create_unique_constraint("uq_products_name_sku", "products", ["name", "sku"], deferrable=True,
                                initially="DEFERRED")


def downgrade():
    op.drop_constraint("uq_products_name_sku", "products", type_="unique")
