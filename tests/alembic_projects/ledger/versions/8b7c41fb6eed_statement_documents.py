"""statement documents

Revision ID: 8b7c41fb6eed
Revises: 8cab85f43d1c
Create Date: 2026-11-20 08:33:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = '8b7c41fb6eed'
down_revision = '8cab85f43d1c'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("statements", sa.Column("document", sa.LargeBinary()))
    op.add_column("statements", sa.Column("sent_at", sa.DateTime(timezone=True)))


def downgrade():
    op.drop_column("statements", "sent_at")
    op.drop_column("statements", "document")
