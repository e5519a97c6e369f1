"""index statement details

Revision ID: 2bc4fae37c4b
Revises: 9ac4e27d07c8
Create Date: 2026-11-20 08:35:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = '2bc4fae37c4b'
down_revision = '9ac4e27d07c8'
branch_labels = None
depends_on = None


def upgrade():
    op.create_index("ix_statements_details", "statements", ["details"], postgresql_using="gin")


def downgrade():
    op.drop_index("ix_statements_details", table_name="statements")
