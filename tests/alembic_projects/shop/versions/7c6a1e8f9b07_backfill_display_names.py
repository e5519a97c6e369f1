"""backfill display names

Revision ID: 7c6a1e8f9b07
Revises: 6b5f0d7e8a96
Create Date: 2026-11-01 10:07:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = '7c6a1e8f9b07'
down_revision = '6b5f0d7e8a96'
branch_labels = None
depends_on = None


def upgrade():
    # Python logic: one UPDATE per e-mail domain rule, built in a loop.
    rules = {"example.com": "Example user", "test.org": "Tester"}
    for domain, label in sorted(rules.items()):
        op.execute(
            "UPDATE users SET display_name = '%s' WHERE email LIKE '%%@%s' AND display_name IS NULL"
            % (label, domain)
        )


def downgrade():
    pass
