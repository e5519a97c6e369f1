"""legacy codes get an unnamed primary key

Revision ID: 04adac5fdaa1
Revises: a13b815f0901
Create Date: 2026-11-20 08:16:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = '04adac5fdaa1'
down_revision = 'a13b815f0901'
branch_labels = None
depends_on = None


def upgrade():
    op.create_primary_key(None, "legacy_codes", ["code"])


def downgrade():
    op.drop_constraint(None, "legacy_codes", type_="primary")
