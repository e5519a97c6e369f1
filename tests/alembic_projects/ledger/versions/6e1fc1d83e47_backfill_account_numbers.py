"""backfill account numbers

Revision ID: 6e1fc1d83e47
Revises: ea7914f3857d
Create Date: 2026-11-20 08:42:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = '6e1fc1d83e47'
down_revision = 'ea7914f3857d'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("accounts", sa.Column("number", sa.Integer()))
    bind = op.get_bind()
    rows = bind.execute(sa.text("SELECT id FROM accounts ORDER BY id")).fetchall()
    for number, (account_id,) in enumerate(rows, start=1000):
        bind.execute(sa.text("UPDATE accounts SET number = :n WHERE id = :id"), {"n": number, "id": account_id})
    op.create_unique_constraint("uq_accounts_number", "accounts", ["number"])


def downgrade():
    op.drop_constraint("uq_accounts_number", "accounts", type_="unique")
    op.drop_column("accounts", "number")
