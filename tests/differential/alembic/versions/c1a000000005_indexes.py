"""indexes: expression, unique partial, methods, INCLUDE, IF NOT EXISTS, CONCURRENTLY"""
from alembic import op
import sqlalchemy as sa

revision = "c1a000000005"
down_revision = "c1a000000004"


def upgrade():
    op.create_index("ix_accounts_name_lower", "accounts", [sa.text("lower(name)")])
    op.create_index("ix_accounts_tenant_rich", "accounts", ["tenant"], unique=True,
                    postgresql_where=sa.text("balance > 0"))
    op.create_index("ix_events_payload", "events", ["payload"], schema="audit", postgresql_using="gin")
    op.create_index("ix_kinds_created", "kinds", ["created"], postgresql_using="brin")
    op.create_index("ix_kinds_token", "kinds", ["token"], postgresql_using="hash")
    op.create_index("ix_accounts_tenant_name", "accounts", ["tenant"], postgresql_include=["name"])
    # Alembic 1.8 has no if_not_exists for create_index: PostgreSQL's documented form.
    op.execute("CREATE INDEX IF NOT EXISTS ix_kinds_code ON kinds (code, small)")
    with op.get_context().autocommit_block():
        op.create_index("ix_payments_memo", "payments", ["memo"], postgresql_concurrently=True)
        op.execute("VACUUM payments")
    op.drop_index("ix_kinds_nick")


def downgrade():
    op.create_index("ix_kinds_nick", "kinds", ["nick"])
    with op.get_context().autocommit_block():
        op.drop_index("ix_payments_memo", postgresql_concurrently=True)
    op.execute("DROP INDEX IF EXISTS ix_kinds_code")
    op.drop_index("ix_accounts_tenant_name")
    op.drop_index("ix_kinds_token")
    op.drop_index("ix_kinds_created")
    op.drop_index("ix_events_payload", schema="audit")
    op.drop_index("ix_accounts_tenant_rich")
    op.drop_index("ix_accounts_name_lower")
