"""accounts become ledgers

Revision ID: 1a102fef16c8
Revises: babc98e3d243
Create Date: 2026-11-20 08:48:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = '1a102fef16c8'
down_revision = 'babc98e3d243'
branch_labels = None
depends_on = None


def upgrade():
    op.rename_table("accounts", "ledgers")


def downgrade():
    op.rename_table("ledgers", "accounts")
