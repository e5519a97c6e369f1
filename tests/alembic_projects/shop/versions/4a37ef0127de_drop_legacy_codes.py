"""drop legacy codes

Revision ID: 4a37ef0127de
Revises: 3926def016cd
Create Date: 2026-11-01 10:36:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = '4a37ef0127de'
down_revision = '3926def016cd'
branch_labels = None
depends_on = None


def upgrade():
    op.drop_table("legacy_codes")


def downgrade():
    op.create_table("legacy_codes", sa.Column("code", sa.String(8), nullable=False), sa.Column("label", sa.Text()),
                    sa.PrimaryKeyConstraint("code", name="pk_legacy_codes"))
