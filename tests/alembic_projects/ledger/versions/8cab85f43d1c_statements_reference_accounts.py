"""statements reference accounts

Revision ID: 8cab85f43d1c
Revises: 095f3b908ff4
Create Date: 2026-11-20 08:32:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = '8cab85f43d1c'
down_revision = '095f3b908ff4'
branch_labels = None
depends_on = None


def upgrade():
    op.create_foreign_key("fk_statements_account", "statements", "accounts", ["account_id"], ["id"],
                          ondelete="CASCADE")


def downgrade():
    op.drop_constraint("fk_statements_account", "statements", type_="foreignkey")
