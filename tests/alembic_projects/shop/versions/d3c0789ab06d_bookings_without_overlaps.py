"""bookings without overlaps

Revision ID: d3c0789ab06d
Revises: c2bf67398a5c
Create Date: 2026-11-01 10:29:00.000000

"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

revision = 'd3c0789ab06d'
down_revision = 'c2bf67398a5c'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "bookings",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("room", sa.Integer(), nullable=False),
        sa.Column("during", postgresql.TSRANGE(), nullable=False),
    )
    op.create_exclude_constraint("ex_bookings_overlap", "bookings", ("during", "&&"), using="gist")


def downgrade():
    op.drop_constraint("ex_bookings_overlap", "bookings")
    op.drop_table("bookings")
