"""every column type, serial, defaults, comments, unique and index columns, an enum"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

revision = "c1a000000001"
down_revision = None


def upgrade():
    op.create_table(
        "kinds",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("small", sa.SmallInteger()),
        sa.Column("big", sa.BigInteger()),
        sa.Column("price", sa.Numeric(10, 2)),
        sa.Column("ratio", sa.Float()),
        sa.Column("score", postgresql.DOUBLE_PRECISION()),
        sa.Column("flag", sa.Boolean(), server_default=sa.text("false")),
        sa.Column("body", sa.Text()),
        sa.Column("code", sa.String(20), nullable=False, comment="short code"),
        sa.Column("initial", sa.CHAR(1)),
        sa.Column("born", sa.Date()),
        sa.Column("alarm", sa.Time()),
        sa.Column("alarm_tz", sa.Time(timezone=True)),
        sa.Column("created", sa.DateTime()),
        sa.Column("created_tz", sa.DateTime(timezone=True), server_default=sa.text("now()")),
        sa.Column("span", sa.Interval()),
        sa.Column("token", postgresql.UUID()),
        sa.Column("doc", sa.JSON()),
        sa.Column("docb", postgresql.JSONB()),
        sa.Column("blob", sa.LargeBinary()),
        sa.Column("tags", postgresql.ARRAY(sa.Text())),
        sa.Column("grid", postgresql.ARRAY(sa.Integer(), dimensions=2)),
        sa.Column("mood", sa.Enum("happy", "sad", name="mood")),
        sa.Column("addr", postgresql.INET()),
        sa.Column("status", sa.String(10), server_default="new", comment="lifecycle state"),
        sa.Column("email", sa.String(255), unique=True),
        sa.Column("nick", sa.String(50), index=True),
        comment="every type",
    )


def downgrade():
    op.drop_table("kinds")
    sa.Enum(name="mood").drop(op.get_bind())
