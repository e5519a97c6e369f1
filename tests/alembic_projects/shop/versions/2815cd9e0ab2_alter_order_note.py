"""alter order note

Revision ID: 2815cd9e0ab2
Revises: 1704bc8d9fa1
Create Date: 2026-11-01 10:18:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = '2815cd9e0ab2'
down_revision = '1704bc8d9fa1'
branch_labels = None
depends_on = None


def upgrade():
    op.alter_column("orders", "note", new_column_name="remarks")
    op.alter_column("orders", "status", type_=sa.String(40), existing_type=sa.String(20))
    op.alter_column("orders", "placed_at", nullable=False, existing_type=sa.DateTime(),
                    server_default=sa.text("now()"))


def downgrade():
    op.alter_column("orders", "placed_at", nullable=True, existing_type=sa.DateTime(), server_default=None)
    op.alter_column("orders", "status", type_=sa.String(20), existing_type=sa.String(40))
    op.alter_column("orders", "remarks", new_column_name="note")
