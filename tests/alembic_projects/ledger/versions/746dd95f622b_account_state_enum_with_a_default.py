"""account state enum with a default

Revision ID: 746dd95f622b
Revises: 04adac5fdaa1
Create Date: 2026-11-20 08:17:00.000000

"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

revision = '746dd95f622b'
down_revision = '04adac5fdaa1'
branch_labels = None
depends_on = None


def upgrade():
    sa.Enum("open", "frozen", "closed", name="account_state").create(op.get_bind())
    op.add_column("accounts", sa.Column("state", postgresql.ENUM(name="account_state", create_type=False),
                                        server_default="open", nullable=False))


def downgrade():
    op.drop_column("accounts", "state")
    sa.Enum(name="account_state").drop(op.get_bind())
