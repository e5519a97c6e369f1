"""create reporting schema

Revision ID: 8e7b23f54618
Revises: 
Create Date: 2026-11-01 10:24:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = '8e7b23f54618'
down_revision = None
branch_labels = ('reporting',)
depends_on = None


def upgrade():
    op.execute("CREATE SCHEMA reporting")


def downgrade():
    op.execute("DROP SCHEMA reporting")
