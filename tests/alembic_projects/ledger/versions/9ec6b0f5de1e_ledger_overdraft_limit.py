"""ledger overdraft limit

Revision ID: 9ec6b0f5de1e
Revises: 1a102fef16c8
Create Date: 2026-11-20 08:49:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = '9ec6b0f5de1e'
down_revision = '1a102fef16c8'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("ledgers", sa.Column("overdraft", sa.Numeric(12, 2), server_default="0", nullable=False))
    op.create_check_constraint(None, "ledgers", "overdraft >= 0")


def downgrade():
    op.drop_constraint("ledgers_overdraft_check", "ledgers", type_="check")
    op.drop_column("ledgers", "overdraft")
