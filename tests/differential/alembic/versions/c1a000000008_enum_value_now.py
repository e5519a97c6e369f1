"""add an enum value and use it in the same revision (the value commits first)"""
from alembic import op
import sqlalchemy as sa

revision = "c1a000000008"
down_revision = "c1a000000007"


def upgrade():
    with op.get_context().autocommit_block():
        op.execute("ALTER TYPE mood ADD VALUE IF NOT EXISTS 'glad'")
    op.execute(sa.text("UPDATE kinds SET mood = :mood WHERE code = :code").bindparams(mood="glad", code="a"))


def downgrade():
    op.execute(sa.text("UPDATE kinds SET mood = NULL WHERE mood = :mood").bindparams(mood="glad"))
