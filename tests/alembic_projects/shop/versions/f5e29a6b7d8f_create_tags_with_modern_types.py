"""create tags with modern types

Revision ID: f5e29a6b7d8f
Revises: e4d18f5a6c7e
Create Date: 2026-11-01 10:15:00.000000

"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

revision = 'f5e29a6b7d8f'
down_revision = 'e4d18f5a6c7e'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "tags",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("public_id", postgresql.UUID(), nullable=False),
        sa.Column("attrs", postgresql.JSONB(), server_default=sa.text("'{}'::jsonb"), nullable=False),
        sa.Column("labels", postgresql.ARRAY(sa.Text()), nullable=True),
        sa.Column("raw", sa.LargeBinary()),
        sa.Column("weight", sa.Float()),
        sa.Column("ttl", sa.Interval()),
        sa.Column("opens", sa.Time()),
    )


def downgrade():
    op.drop_table("tags")
