"""index audit events

Revision ID: 81f45f50e76b
Revises: 24584d0e131e
Create Date: 2026-11-20 08:46:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = '81f45f50e76b'
down_revision = '24584d0e131e'
branch_labels = None
depends_on = None


def upgrade():
    op.create_index("ix_events_happened_at", "events", ["happened_at"], schema="audit")


def downgrade():
    op.drop_index("ix_events_happened_at", table_name="events", schema="audit")
