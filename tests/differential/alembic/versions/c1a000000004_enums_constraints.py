"""enum types and values; primary key, unique, check, foreign keys, exclusion, validation"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

revision = "c1a000000004"
down_revision = "c1a000000003"


def upgrade():
    postgresql.ENUM("low", "high", name="priority").create(op.get_bind())
    # Alembic has no enum-value operation: PostgreSQL's documented ALTER TYPE.
    op.execute("ALTER TYPE priority ADD VALUE 'medium' BEFORE 'high'")
    op.execute("ALTER TYPE priority ADD VALUE 'urgent' AFTER 'high'")
    op.execute("ALTER TYPE mood ADD VALUE IF NOT EXISTS 'meh'")
    op.add_column("payments", sa.Column("priority", postgresql.ENUM(name="priority", create_type=False)))
    op.create_table(
        "links",
        sa.Column("a", sa.Integer(), nullable=False),
        sa.Column("b", sa.Integer(), nullable=False),
        sa.Column("during", postgresql.TSTZRANGE()),
        sa.Column("room", sa.Integer()),
    )
    op.create_primary_key("pk_links", "links", ["a", "b"])
    op.create_unique_constraint("uq_links_b_a", "links", ["b", "a"], deferrable=True, initially="IMMEDIATE")
    op.create_check_constraint("ck_links_order", "links", "a <> b")
    # SQLAlchemy 1.4 renders no NOT VALID for CHECK, and Alembic has no VALIDATE: the documented SQL.
    op.execute("ALTER TABLE links ADD CONSTRAINT ck_links_positive CHECK (a > 0) NOT VALID")
    op.execute("ALTER TABLE links VALIDATE CONSTRAINT ck_links_positive")
    op.create_foreign_key("fk_links_a", "links", "accounts", ["a"], ["id"], ondelete="SET NULL",
                          onupdate="NO ACTION", deferrable=True, initially="DEFERRED", match="SIMPLE")
    op.create_foreign_key("fk_links_b", "links", "accounts", ["b"], ["id"], postgresql_not_valid=True)
    op.execute("ALTER TABLE links VALIDATE CONSTRAINT fk_links_b")
    op.create_exclude_constraint("ex_links_during", "links", ("during", "&&"), where=sa.text("room IS NOT NULL"),
                                 using="gist")
    op.drop_constraint("ck_accounts_balance", "accounts", type_="check")


def downgrade():
    op.create_check_constraint("ck_accounts_balance", "accounts", "balance >= 0")
    op.drop_constraint("ex_links_during", "links")
    op.drop_constraint("fk_links_b", "links", type_="foreignkey")
    op.execute("ALTER TABLE links DROP CONSTRAINT IF EXISTS fk_links_a")
    op.drop_table("links")
    op.drop_column("payments", "priority")
    op.execute("DROP TYPE IF EXISTS priority")
