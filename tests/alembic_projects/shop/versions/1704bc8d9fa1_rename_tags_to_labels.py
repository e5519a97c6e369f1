"""rename tags to labels

Revision ID: 1704bc8d9fa1
Revises: 06f3ab7c8e90
Create Date: 2026-11-01 10:17:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = '1704bc8d9fa1'
down_revision = '06f3ab7c8e90'
branch_labels = None
depends_on = None


def upgrade():
    op.rename_table("tags", "labels")


def downgrade():
    op.rename_table("labels", "tags")
