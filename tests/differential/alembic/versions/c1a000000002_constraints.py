"""table-level constraints, identity, a schema, inline and composite foreign keys"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

revision = "c1a000000002"
down_revision = "c1a000000001"


def upgrade():
    op.execute("CREATE SCHEMA audit")
    # Alembic 1.8 has no if_not_exists; on a fresh database the schema is the same.
    op.create_table(
        "accounts",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=True, start=100, increment=5)),
        sa.Column("tenant", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("balance", sa.Numeric(12, 2), nullable=False, server_default="0"),
        sa.PrimaryKeyConstraint("id", name="pk_accounts"),
        sa.UniqueConstraint("tenant", "name", name="uq_accounts_tenant_name"),
        sa.CheckConstraint("balance >= 0", name="ck_accounts_balance"),
    )
    op.create_table(
        "events",
        sa.Column("id", sa.BigInteger(), primary_key=True),
        sa.Column("account_id", sa.BigInteger(), sa.ForeignKey("accounts.id", ondelete="CASCADE")),
        sa.Column("payload", postgresql.JSONB()),
        schema="audit",
        comment="audit trail",
    )
    op.create_table(
        "transfers",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("source", sa.BigInteger(), nullable=False),
        sa.Column("tenant", sa.Integer()),
        sa.Column("name", sa.Text()),
        sa.ForeignKeyConstraint(["source"], ["accounts.id"], name="fk_transfers_source",
                                ondelete="RESTRICT", onupdate="CASCADE"),
        sa.ForeignKeyConstraint(["tenant", "name"], ["accounts.tenant", "accounts.name"],
                                name="fk_transfers_account_name", deferrable=True, initially="DEFERRED",
                                match="FULL"),
    )


def downgrade():
    op.drop_table("transfers")
    op.drop_table("events", schema="audit")
    op.execute("DROP TABLE IF EXISTS accounts CASCADE")
    op.execute("DROP SCHEMA audit")
