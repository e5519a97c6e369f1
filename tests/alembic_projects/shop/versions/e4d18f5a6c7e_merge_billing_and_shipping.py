"""merge billing and shipping

Revision ID: e4d18f5a6c7e
Revises: a09d4b1c2e3a, d3c07e4f5b6d
Create Date: 2026-11-01 10:14:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = 'e4d18f5a6c7e'
down_revision = ('a09d4b1c2e3a', 'd3c07e4f5b6d')
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
