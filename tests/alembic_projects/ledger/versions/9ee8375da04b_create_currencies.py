"""create currencies

Revision ID: 9ee8375da04b
Revises: 6e375105fa6d
Create Date: 2026-11-20 08:11:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = '9ee8375da04b'
down_revision = '6e375105fa6d'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "currencies",
        sa.Column("code", sa.CHAR(3), primary_key=True),
        sa.Column("name", sa.Text(), nullable=False),
    )


def downgrade():
    op.drop_table("currencies")
