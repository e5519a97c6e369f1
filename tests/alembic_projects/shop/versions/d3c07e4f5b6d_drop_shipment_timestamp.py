"""drop shipment timestamp

Revision ID: d3c07e4f5b6d
Revises: c2bf6d3e4a5c
Create Date: 2026-11-01 10:13:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = 'd3c07e4f5b6d'
down_revision = 'c2bf6d3e4a5c'
branch_labels = None
depends_on = None


def upgrade():
    op.drop_column("shipments", "shipped_at")


def downgrade():
    op.add_column("shipments", sa.Column("shipped_at", sa.DateTime(timezone=True)))
