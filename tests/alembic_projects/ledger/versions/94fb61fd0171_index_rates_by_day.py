"""index rates by day

Revision ID: 94fb61fd0171
Revises: 8f68db50384b
Create Date: 2026-11-20 08:54:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = '94fb61fd0171'
down_revision = '8f68db50384b'
branch_labels = None
depends_on = None


def upgrade():
    op.create_index("ix_rates_day", "rates", ["day"])


def downgrade():
    op.drop_index("ix_rates_day", table_name="rates")
