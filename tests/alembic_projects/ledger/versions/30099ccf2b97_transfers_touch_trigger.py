"""transfers touch trigger

Revision ID: 30099ccf2b97
Revises: 729ab2376063
Create Date: 2026-11-20 08:20:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = '30099ccf2b97'
down_revision = '729ab2376063'
branch_labels = None
depends_on = None


def upgrade():
    table = "transfers"
    op.add_column(table, sa.Column("updated_at", sa.DateTime(timezone=True)))
    op.execute(f"""CREATE FUNCTION {table}_touch() RETURNS trigger AS $$
BEGIN
    NEW.updated_at := now();

    RETURN NEW;
END;
$$ LANGUAGE plpgsql""")
    op.execute(f"CREATE TRIGGER {table}_touch BEFORE UPDATE ON {table} FOR EACH ROW EXECUTE FUNCTION {table}_touch()")


def downgrade():
    op.execute("DROP TRIGGER transfers_touch ON transfers")
    op.execute("DROP FUNCTION transfers_touch()")
    op.drop_column("transfers", "updated_at")
