"""ledger name becomes text

Revision ID: dd9fc206bacc
Revises: 9ec6b0f5de1e
Create Date: 2026-11-20 08:50:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = 'dd9fc206bacc'
down_revision = '9ec6b0f5de1e'
branch_labels = None
depends_on = None


def upgrade():
    op.alter_column("ledgers", "name", type_=sa.Text(), existing_type=sa.String(100), existing_nullable=False)


def downgrade():
    op.alter_column("ledgers", "name", type_=sa.String(100), postgresql_using="name::varchar(100)",
                    existing_type=sa.Text())
