"""one rate direction per day

Revision ID: aaacadc727e4
Revises: 6123d13c01a6
Create Date: 2026-11-20 08:52:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = 'aaacadc727e4'
down_revision = '6123d13c01a6'
branch_labels = None
depends_on = None


def upgrade():
    op.create_unique_constraint(None, "rates", ["quote", "base", "day"], deferrable=True, initially="DEFERRED")


def downgrade():
    op.drop_constraint("rates_quote_base_day_key", "rates", type_="unique")
