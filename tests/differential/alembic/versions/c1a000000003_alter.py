"""rename a table, comments, add, alter and drop columns"""
from alembic import op
import sqlalchemy as sa

revision = "c1a000000003"
down_revision = "c1a000000002"


def upgrade():
    op.rename_table("transfers", "payments")
    op.create_table_comment("payments", "money moving")
    op.add_column("payments", sa.Column("note", sa.Text(), comment="free text"))
    op.add_column("payments", sa.Column("amount", sa.Integer(), nullable=False, server_default="0"))
    op.alter_column("payments", "amount", type_=sa.Numeric(12, 2), postgresql_using="amount::numeric(12,2)")
    op.alter_column("payments", "note", new_column_name="memo")
    op.alter_column("payments", "memo", nullable=False, server_default="none", comment="memo text")
    op.alter_column("payments", "amount", server_default=None)
    op.alter_column("kinds", "flag", server_default=sa.text("true"))
    op.alter_column("kinds", "code", nullable=True, comment=None)
    op.drop_column("kinds", "blob")
    op.drop_table_comment("kinds")
    op.add_column("kinds", sa.Column("serial_no", sa.Integer(), sa.Identity()))
    # Alembic 1.8 has no if_not_exists for add_column: PostgreSQL's documented form.
    op.execute("ALTER TABLE kinds ADD COLUMN IF NOT EXISTS extra TEXT")


def downgrade():
    op.execute("ALTER TABLE kinds DROP COLUMN IF EXISTS extra")
    op.drop_column("kinds", "serial_no")
    op.create_table_comment("kinds", "every type")
    op.add_column("kinds", sa.Column("blob", sa.LargeBinary()))
    op.alter_column("kinds", "code", nullable=False, comment="short code")
    op.alter_column("kinds", "flag", server_default=sa.text("false"))
    op.alter_column("payments", "memo", new_column_name="note", nullable=True, server_default=None,
                    comment="free text")
    op.drop_column("payments", "amount")
    op.execute("ALTER TABLE payments DROP COLUMN note CASCADE")
    op.drop_table_comment("payments")
    op.rename_table("payments", "transfers")
