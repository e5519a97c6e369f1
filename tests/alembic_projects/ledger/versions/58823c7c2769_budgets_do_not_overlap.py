"""budgets do not overlap

Revision ID: 58823c7c2769
Revises: 2dc3ed843888
Create Date: 2026-11-20 08:26:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = '58823c7c2769'
down_revision = '2dc3ed843888'
branch_labels = None
depends_on = None


def upgrade():
    op.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
    op.create_exclude_constraint("ex_budgets_period", "budgets", ("account_id", "="), ("period", "&&"), using="gist")


def downgrade():
    op.drop_constraint("ex_budgets_period", "budgets")
