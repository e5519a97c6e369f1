"""unique tracking numbers

Revision ID: c2bf6d3e4a5c
Revises: b1ae5c2d3f4b
Create Date: 2026-11-01 10:12:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = 'c2bf6d3e4a5c'
down_revision = 'b1ae5c2d3f4b'
branch_labels = None
depends_on = None


def upgrade():
    op.create_unique_constraint("uq_shipments_tracking", "shipments", ["carrier", "tracking"])


def downgrade():
    op.drop_constraint("uq_shipments_tracking", "shipments", type_="unique")
