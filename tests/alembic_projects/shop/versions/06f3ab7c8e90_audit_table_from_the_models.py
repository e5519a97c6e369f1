"""audit table from the models

Revision ID: 06f3ab7c8e90
Revises: f5e29a6b7d8f
Create Date: 2026-11-01 10:16:00.000000

"""
from alembic import op
import sqlalchemy as sa
import models

revision = '06f3ab7c8e90'
down_revision = 'f5e29a6b7d8f'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table("audit_log", *models.audit_columns())


def downgrade():
    op.drop_table("audit_log")
