"""seed currencies

Revision ID: 230d93135702
Revises: 6e1fc1d83e47
Create Date: 2026-11-20 08:43:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = '230d93135702'
down_revision = '6e1fc1d83e47'
branch_labels = None
depends_on = None


def upgrade():
    currencies = sa.table("currencies", sa.column("code", sa.CHAR(3)), sa.column("name", sa.Text()))
    op.bulk_insert(currencies, [{"code": code, "name": name} for code, name in
                                [("EUR", "Euro"), ("USD", "US dollar"), ("CHF", "Swiss franc")]])


def downgrade():
    op.execute("DELETE FROM currencies WHERE code IN ('EUR', 'USD', 'CHF')")
