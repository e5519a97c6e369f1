"""check order status

Revision ID: 3926dea0f1c3
Revises: 2815cd9e0ab2
Create Date: 2026-11-01 10:19:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = '3926dea0f1c3'
down_revision = '2815cd9e0ab2'
branch_labels = None
depends_on = None


def upgrade():
    op.create_check_constraint("ck_orders_status", "orders", "status IN ('new', 'paid', 'shipped')")


def downgrade():
    op.drop_constraint("ck_orders_status", "orders", type_="check")
