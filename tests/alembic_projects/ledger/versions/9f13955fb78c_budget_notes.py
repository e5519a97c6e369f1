"""budget notes

Revision ID: 9f13955fb78c
Revises: 58823c7c2769
Create Date: 2026-11-20 08:27:00.000000

"""
from alembic import op
import sqlalchemy as sa
from ledger_types import Memo

revision = '9f13955fb78c'
down_revision = '58823c7c2769'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("budgets", sa.Column("note", Memo(500), comment="why"))


def downgrade():
    op.drop_column("budgets", "note")
