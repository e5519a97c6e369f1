"""statement details

Revision ID: 9ac4e27d07c8
Revises: 8b7c41fb6eed
Create Date: 2026-11-20 08:34:00.000000

"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

revision = '9ac4e27d07c8'
down_revision = '8b7c41fb6eed'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("statements", sa.Column("details", postgresql.JSONB(), server_default=sa.text("'{}'::jsonb")))


def downgrade():
    op.drop_column("statements", "details")
