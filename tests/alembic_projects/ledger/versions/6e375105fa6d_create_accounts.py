"""create accounts

Revision ID: 6e375105fa6d
Revises: 
Create Date: 2026-11-20 08:10:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = '6e375105fa6d'
down_revision = None
branch_labels = ('ledger',)
depends_on = None


def upgrade():
    op.create_table(
        "accounts",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("balance", sa.Numeric(12, 2), server_default="0", nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    )


def downgrade():
    op.drop_table("accounts")
