"""expression index with include

Revision ID: 06f3abcde39a
Revises: f5e29abcd28f
Create Date: 2026-11-01 10:32:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = '06f3abcde39a'
down_revision = 'f5e29abcd28f'
branch_labels = None
depends_on = None


def upgrade():
    op.create_index("ix_users_lower_email", "users", [sa.text("lower(email)")], unique=True,
                    postgresql_include=["id"])


def downgrade():
    op.drop_index("ix_users_lower_email", table_name="users")
