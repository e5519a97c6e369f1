"""statement closing check

Revision ID: f94b8e5d4f72
Revises: 790886d789d1
Create Date: 2026-11-20 08:37:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = 'f94b8e5d4f72'
down_revision = '790886d789d1'
branch_labels = None
depends_on = None


def upgrade():
    op.create_check_constraint("ck_statements_closing", "statements", sa.text("closing IS NULL OR closing > -1000000"))


def downgrade():
    op.drop_constraint("ck_statements_closing", "statements", type_="check")
