"""legacy codes get a primary key

Revision ID: e4d189abc17e
Revises: d3c0789ab06d
Create Date: 2026-11-01 10:30:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = 'e4d189abc17e'
down_revision = 'd3c0789ab06d'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table("legacy_codes", sa.Column("code", sa.String(8), nullable=False), sa.Column("label", sa.Text()))
    op.create_primary_key("pk_legacy_codes", "legacy_codes", ["code"])


def downgrade():
    op.drop_constraint("pk_legacy_codes", "legacy_codes", type_="primary")
    op.drop_table("legacy_codes")
