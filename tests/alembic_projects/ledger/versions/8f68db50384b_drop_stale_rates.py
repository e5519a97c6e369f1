"""drop stale rates

Revision ID: 8f68db50384b
Revises: aaacadc727e4
Create Date: 2026-11-20 08:53:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = '8f68db50384b'
down_revision = 'aaacadc727e4'
branch_labels = None
depends_on = None


def upgrade():
    op.execute("DELETE FROM rates WHERE day < DATE '2020-01-01'")


def downgrade():
    raise RuntimeError("stale rates are gone for good")
