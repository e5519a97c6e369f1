"""index users by creation time

Revision ID: 2d1b6f3a4c52
Revises: 1c0a5e2f3b41
Create Date: 2026-11-01 10:02:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = '2d1b6f3a4c52'
down_revision = '1c0a5e2f3b41'
branch_labels = None
depends_on = None


def upgrade():
    op.create_index("ix_users_created_at", "users", ["created_at"])


def downgrade():
    op.drop_index("ix_users_created_at", table_name="users")
