"""transfer kinds gain fee

Revision ID: 1767137d8b92
Revises: f94b8e5d4f72
Create Date: 2026-11-20 08:38:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = '1767137d8b92'
down_revision = 'f94b8e5d4f72'
branch_labels = None
depends_on = None


def upgrade():
    op.sync_enum_values("public", "transfer_kind", ["credit", "debit", "fee"], [("transfers", "kind")])


def downgrade():
    op.sync_enum_values("public", "transfer_kind", ["credit", "debit"], [("transfers", "kind")],
                        enum_values_to_rename=[("fee", "debit")])
