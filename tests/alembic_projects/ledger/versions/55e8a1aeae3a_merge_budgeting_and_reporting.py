"""merge budgeting and reporting

Revision ID: 55e8a1aeae3a
Revises: 4bbde0b4789e, 1767137d8b92
Create Date: 2026-11-20 08:39:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = '55e8a1aeae3a'
down_revision = ('4bbde0b4789e', '1767137d8b92')
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
