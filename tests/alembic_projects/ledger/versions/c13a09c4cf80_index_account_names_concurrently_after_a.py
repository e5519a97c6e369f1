"""index account names concurrently after a commit

Revision ID: c13a09c4cf80
Revises: 30099ccf2b97
Create Date: 2026-11-20 08:21:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = 'c13a09c4cf80'
down_revision = '30099ccf2b97'
branch_labels = None
depends_on = None


def upgrade():
    op.get_bind().commit()
    with op.get_context().autocommit_block():
        op.create_index("ix_accounts_name", "accounts", ["name"], postgresql_concurrently=True)


def downgrade():
    with op.get_context().autocommit_block():
        op.drop_index("ix_accounts_name", table_name="accounts", postgresql_concurrently=True)
