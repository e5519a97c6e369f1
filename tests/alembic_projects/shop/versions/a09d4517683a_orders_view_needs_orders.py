"""orders view needs orders

Revision ID: a09d4517683a
Revises: 9f8c34065729
Create Date: 2026-11-01 10:26:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = 'a09d4517683a'
down_revision = '9f8c34065729'
branch_labels = None
depends_on = ('4f3d8b5c6e74',)


def upgrade():
    op.execute("CREATE VIEW reporting.order_counts AS SELECT user_id, count(*) AS n FROM public.orders GROUP BY user_id")


def downgrade():
    op.execute("DROP VIEW reporting.order_counts")
