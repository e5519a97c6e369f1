"""status becomes text

Revision ID: 1704bcdef4ab
Revises: 06f3abcde39a
Create Date: 2026-11-01 10:33:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = '1704bcdef4ab'
down_revision = '06f3abcde39a'
branch_labels = None
depends_on = None


def upgrade():
    op.drop_constraint("ck_orders_status", "orders", type_="check")
    op.alter_column("orders", "status", type_=sa.Text(), postgresql_using="status::text",
                    existing_type=sa.String(40))
    op.alter_column("products", "price", server_default="1", existing_type=sa.Numeric(12, 2))


def downgrade():
    op.alter_column("products", "price", server_default="0", existing_type=sa.Numeric(12, 2))
    op.alter_column("orders", "status", type_=sa.String(40), existing_type=sa.Text())
    op.create_check_constraint("ck_orders_status", "orders", "status IN ('new', 'paid', 'shipped')")
