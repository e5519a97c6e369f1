"""drop legacy codes

Revision ID: babc98e3d243
Revises: 81f45f50e76b
Create Date: 2026-11-20 08:47:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = 'babc98e3d243'
down_revision = '81f45f50e76b'
branch_labels = None
depends_on = None


def upgrade():
    op.drop_table("legacy_codes")


def downgrade():
    op.create_table("legacy_codes", sa.Column("code", sa.String(20), nullable=False), sa.Column("note", sa.Text()))
    op.create_primary_key(None, "legacy_codes", ["code"])
