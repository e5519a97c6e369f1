"""transfers name a payee

Revision ID: ea7914f3857d
Revises: 09f5d981c427
Create Date: 2026-11-20 08:41:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = 'ea7914f3857d'
down_revision = '09f5d981c427'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("transfers", sa.Column("payee_id", sa.Integer(), sa.ForeignKey("payees.id", ondelete="SET NULL")))


def downgrade():
    op.drop_column("transfers", "payee_id")
