"""unnamed check with keyword arguments

Revision ID: 83a69f842b85
Revises: 413898c7364f
Create Date: 2026-11-20 08:14:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = '83a69f842b85'
down_revision = '413898c7364f'
branch_labels = None
depends_on = None


def upgrade():
    op.create_check_constraint(None, table_name="accounts", condition="balance >= -1000")


def downgrade():
    op.drop_constraint(constraint_name="accounts_balance_check", table_name="accounts", type_="check")
