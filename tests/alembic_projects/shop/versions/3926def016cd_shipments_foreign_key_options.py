"""shipments foreign key options

Revision ID: 3926def016cd
Revises: 2815cdef05bc
Create Date: 2026-11-01 10:35:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = '3926def016cd'
down_revision = '2815cdef05bc'
branch_labels = None
depends_on = None


def upgrade():
    op.create_foreign_key("fk_shipments_order_full", "shipments", "orders", ["order_id"], ["id"],
                          onupdate="CASCADE", ondelete="SET NULL", deferrable=True, initially="IMMEDIATE")


def downgrade():
    op.drop_constraint("fk_shipments_order_full", "shipments", type_="foreignkey")
