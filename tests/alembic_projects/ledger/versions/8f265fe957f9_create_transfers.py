"""create transfers

Revision ID: 8f265fe957f9
Revises: 746dd95f622b
Create Date: 2026-11-20 08:18:00.000000

"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql
from ledger_types import Memo

revision = '8f265fe957f9'
down_revision = '746dd95f622b'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "transfers",
        sa.Column("id", sa.BigInteger(), primary_key=True),
        sa.Column("account_id", sa.Integer(), sa.ForeignKey("accounts.id", ondelete="CASCADE"), nullable=False),
        sa.Column("kind", sa.Enum("credit", "debit", name="transfer_kind"), nullable=False),
        sa.Column("amount", postgresql.DOUBLE_PRECISION(precision=53), nullable=False),
        sa.Column("memo", Memo(200)),
        sa.Column("booked_at", sa.DateTime(), server_default=sa.func.current_timestamp()),
    )


def downgrade():
    op.drop_table("transfers")
    sa.Enum(name="transfer_kind").drop(op.get_bind())
