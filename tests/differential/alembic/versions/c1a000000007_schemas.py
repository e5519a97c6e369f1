"""every operation's schema option, deferrable exclusion, cascading drops"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

revision = "c1a000000007"
down_revision = "c1a000000006"


def upgrade():
    postgresql.ENUM("info", "warn", name="level", schema="audit").create(op.get_bind())
    op.execute("ALTER TYPE audit.level ADD VALUE 'error' AFTER 'warn'")
    op.create_table(
        "notes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.BigInteger()),
        sa.Column("body", sa.Text()),
        sa.Column("span", postgresql.TSTZRANGE()),
        sa.Column("lvl", postgresql.ENUM(name="level", schema="audit", create_type=False)),
        schema="audit",
    )
    op.create_primary_key("pk_notes", "notes", ["id"], schema="audit")
    op.create_unique_constraint("uq_notes_body", "notes", ["body"], schema="audit")
    op.create_check_constraint("ck_notes_body", "notes", "length(body) < 1000", schema="audit")
    op.create_foreign_key("fk_notes_event", "notes", "events", ["event_id"], ["id"], source_schema="audit",
                          referent_schema="audit")
    op.create_exclude_constraint("ex_notes_span", "notes", ("span", "&&"), schema="audit", using="gist",
                                 deferrable=True, initially="DEFERRED")
    op.execute("ALTER TABLE audit.notes VALIDATE CONSTRAINT ck_notes_body")
    op.add_column("notes", sa.Column("extra", sa.Integer()), schema="audit")
    op.alter_column("notes", "extra", type_=sa.BigInteger(), schema="audit")
    op.drop_column("notes", "extra", schema="audit")
    op.rename_table("notes", "remarks", schema="audit")
    op.create_table_comment("remarks", "remarks on events", schema="audit")
    op.bulk_insert(sa.table("remarks", sa.column("id"), sa.column("body"), schema="audit"),
                   [{"id": 1, "body": "first"}])
    op.create_index("ix_remarks_body", "remarks", ["body"], schema="audit")


def downgrade():
    op.execute("DROP INDEX audit.ix_remarks_body CASCADE")
    op.drop_table_comment("remarks", schema="audit")
    op.rename_table("remarks", "notes", schema="audit")
    op.drop_constraint("ex_notes_span", "notes", schema="audit")
    op.drop_constraint("fk_notes_event", "notes", schema="audit", type_="foreignkey")
    op.execute("ALTER TABLE audit.notes DROP CONSTRAINT pk_notes CASCADE")
    op.drop_table("notes", schema="audit")
    op.execute("DROP TYPE audit.level CASCADE")
