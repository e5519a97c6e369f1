"""add display name to users

Revision ID: 6b5f0d7e8a96
Revises: 5a4e9c6d7f85
Create Date: 2026-11-01 10:06:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = '6b5f0d7e8a96'
down_revision = '5a4e9c6d7f85'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("users", sa.Column("display_name", sa.Text()))


def downgrade():
    op.drop_column("users", "display_name")
