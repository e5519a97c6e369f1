"""rename budget note

Revision ID: 4bbde0b4789e
Revises: 7430c9ea554a
Create Date: 2026-11-20 08:30:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = '4bbde0b4789e'
down_revision = '7430c9ea554a'
branch_labels = None
depends_on = None


def upgrade():
    op.alter_column("budgets", "note", new_column_name="remark")


def downgrade():
    op.alter_column("budgets", "remark", new_column_name="note")
