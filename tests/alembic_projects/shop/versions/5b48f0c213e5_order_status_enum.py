"""order status enum

Revision ID: 5b48f0c213e5
Revises: 4a37efb102d4
Create Date: 2026-11-01 10:21:00.000000

"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

revision = '5b48f0c213e5'
down_revision = '4a37efb102d4'
branch_labels = None
depends_on = None


def upgrade():
    status = postgresql.ENUM("new", "paid", "shipped", name="order_status")
    status.create(op.get_bind())
    op.add_column("orders", sa.Column("state", status, nullable=True))


def downgrade():
    op.drop_column("orders", "state")
    postgresql.ENUM(name="order_status").drop(op.get_bind())
