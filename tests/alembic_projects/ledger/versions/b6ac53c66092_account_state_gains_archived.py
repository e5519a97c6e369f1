"""account state gains archived

Revision ID: b6ac53c66092
Revises: c13a09c4cf80
Create Date: 2026-11-20 08:22:00.000000

"""
from alembic import op
import sqlalchemy as sa
from enum_ops import TableReference

revision = 'b6ac53c66092'
down_revision = 'c13a09c4cf80'
branch_labels = None
depends_on = None


def upgrade():
    op.sync_enum_values("public", "account_state", ["open", "frozen", "closed", "archived"],
                        [TableReference(table_schema="public", table_name="accounts", column_name="state",
                                        existing_server_default="'open'::account_state")],
                        enum_values_to_rename=[])


def downgrade():
    op.sync_enum_values("public", "account_state", ["open", "frozen", "closed"],
                        [TableReference(table_schema="public", table_name="accounts", column_name="state",
                                        existing_server_default="'open'::account_state")],
                        enum_values_to_rename=[("archived", "closed")])
