"""identity column table

Revision ID: c2bf67398a5c
Revises: 7d6a12e43507
Create Date: 2026-11-01 10:28:00.000000

"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

revision = 'c2bf67398a5c'
down_revision = '7d6a12e43507'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "events",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=True), primary_key=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("payload", postgresql.JSON()),
    )
    op.create_index("ix_events_kind", "events", ["kind"], unique=False, postgresql_using="hash")


def downgrade():
    op.drop_index("ix_events_kind", table_name="events")
    op.drop_table("events")
