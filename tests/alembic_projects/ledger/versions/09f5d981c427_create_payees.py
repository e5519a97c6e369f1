"""create payees

Revision ID: 09f5d981c427
Revises: 55e8a1aeae3a
Create Date: 2026-11-20 08:40:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = '09f5d981c427'
down_revision = '55e8a1aeae3a'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "payees",
        sa.Column("id", sa.Integer(), sa.Identity(always=True), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False, index=True),
        sa.Column("iban", sa.String(34), unique=True),
        comment="who receives transfers",
    )


def downgrade():
    op.drop_index("ix_payees_name", table_name="payees")
    op.drop_table("payees")
