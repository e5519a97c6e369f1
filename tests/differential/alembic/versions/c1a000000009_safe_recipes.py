"""safe recipes (set_not_null, a unique constraint from a concurrent index)"""
from alembic import op
import sqlalchemy as sa

revision = "c1a000000009"
down_revision = "c1a000000008"


def upgrade():
    op.create_table(
        "recipe_demo",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("note", sa.Text()),
        sa.Column("token", sa.Text()),
    )
    op.execute("INSERT INTO recipe_demo (note, token) VALUES ('a', 'x'), ('b', 'y')")
    op.alter_column("recipe_demo", "note", nullable=False)
    op.create_unique_constraint("uq_recipe_demo_token", "recipe_demo", ["token"])


def downgrade():
    op.drop_table("recipe_demo")
