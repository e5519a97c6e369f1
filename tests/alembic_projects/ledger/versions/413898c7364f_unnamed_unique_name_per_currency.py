"""unnamed unique name per currency

Revision ID: 413898c7364f
Revises: 798f1d372b88
Create Date: 2026-11-20 08:13:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = '413898c7364f'
down_revision = '798f1d372b88'
branch_labels = None
depends_on = None


def upgrade():
    op.create_unique_constraint(None, "accounts", ["name", "currency"])


def downgrade():
    op.drop_constraint("accounts_name_currency_key", "accounts", type_="unique")
