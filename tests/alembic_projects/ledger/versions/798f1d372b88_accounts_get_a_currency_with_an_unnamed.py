"""accounts get a currency with an unnamed foreign key

Revision ID: 798f1d372b88
Revises: 9ee8375da04b
Create Date: 2026-11-20 08:12:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = '798f1d372b88'
down_revision = '9ee8375da04b'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("accounts", sa.Column("currency", sa.CHAR(3)))
    op.create_foreign_key(None, "accounts", "currencies", ["currency"], ["code"])


def downgrade():
    op.drop_constraint("accounts_currency_fkey", "accounts", type_="foreignkey")
    op.drop_column("accounts", "currency")
