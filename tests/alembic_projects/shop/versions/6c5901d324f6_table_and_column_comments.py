"""table and column comments

Revision ID: 6c5901d324f6
Revises: 5b48f0c213e5
Create Date: 2026-11-01 10:22:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = '6c5901d324f6'
down_revision = '5b48f0c213e5'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table_comment("orders", "What customers bought")
    op.alter_column("orders", "remarks", comment="Free text from the customer", existing_type=sa.Text())


def downgrade():
    op.alter_column("orders", "remarks", comment=None, existing_type=sa.Text())
    op.drop_table_comment("orders")
