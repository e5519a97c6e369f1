"""legacy codes without a key

Revision ID: a13b815f0901
Revises: 83a69f842b85
Create Date: 2026-11-20 08:15:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = 'a13b815f0901'
down_revision = '83a69f842b85'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table("legacy_codes", sa.Column("code", sa.String(20), nullable=False), sa.Column("note", sa.Text()))


def downgrade():
    op.drop_table("legacy_codes")
