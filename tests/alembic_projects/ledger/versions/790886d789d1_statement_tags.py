"""statement tags

Revision ID: 790886d789d1
Revises: 2bc4fae37c4b
Create Date: 2026-11-20 08:36:00.000000

"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

revision = '790886d789d1'
down_revision = '2bc4fae37c4b'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("statements", sa.Column("tags", postgresql.ARRAY(sa.Text()), server_default="{}"))


def downgrade():
    op.drop_column("statements", "tags")
