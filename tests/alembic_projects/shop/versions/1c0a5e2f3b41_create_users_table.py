"""create users table

Revision ID: 1c0a5e2f3b41
Revises: 
Create Date: 2026-11-01 10:01:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = '1c0a5e2f3b41'
down_revision = None
branch_labels = ('core',)
depends_on = None


def upgrade():
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("email", sa.String(255), nullable=False, unique=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
    )


def downgrade():
    op.drop_table("users")
