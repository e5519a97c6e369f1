"""drop users creation index

Revision ID: 7d6a12e43507
Revises: 6c5901d324f6
Create Date: 2026-11-01 10:23:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = '7d6a12e43507'
down_revision = '6c5901d324f6'
branch_labels = None
depends_on = None


def upgrade():
    op.drop_index("ix_users_created_at", table_name="users")


def downgrade():
    op.create_index("ix_users_created_at", "users", ["created_at"])
