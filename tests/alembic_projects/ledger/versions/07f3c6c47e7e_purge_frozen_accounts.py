"""purge frozen accounts

Revision ID: 07f3c6c47e7e
Revises: 230d93135702
Create Date: 2026-11-20 08:44:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = '07f3c6c47e7e'
down_revision = '230d93135702'
branch_labels = None
depends_on = None


def upgrade():
    op.execute("DELETE FROM accounts WHERE state = 'frozen'")


def downgrade():
    raise NotImplementedError("deleted accounts cannot be brought back")
