"""budget cap required

Revision ID: 2dc3ed843888
Revises: 95c911c28c32
Create Date: 2026-11-20 08:25:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = '2dc3ed843888'
down_revision = '95c911c28c32'
branch_labels = None
depends_on = None


def upgrade():
    op.alter_column("budgets", "cap", nullable=False, server_default="0", existing_type=sa.Numeric(12, 2))


def downgrade():
    op.alter_column("budgets", "cap", nullable=True, server_default=None, existing_type=sa.Numeric(12, 2))
