"""audit schema

Revision ID: 24584d0e131e
Revises: 07f3c6c47e7e
Create Date: 2026-11-20 08:45:00.000000

"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

revision = '24584d0e131e'
down_revision = '07f3c6c47e7e'
branch_labels = None
depends_on = None


def upgrade():
    op.execute("CREATE SCHEMA audit")
    op.create_table(
        "events",
        sa.Column("id", sa.BigInteger(), primary_key=True),
        sa.Column("happened_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("payload", postgresql.JSONB()),
        schema="audit",
    )


def downgrade():
    op.drop_table("events", schema="audit")
    op.execute("DROP SCHEMA audit")
