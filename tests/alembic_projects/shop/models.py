"""Application models, as a real project keeps them; one revision builds a table from them."""
import sqlalchemy as sa

AUDIT_COLUMNS = (
    ("id", sa.BigInteger, {"primary_key": True}),
    ("actor", sa.String(64), {"nullable": False}),
    ("action", sa.Text, {"nullable": False}),
    ("at", sa.DateTime(timezone=True), {"server_default": sa.text("now()"), "nullable": False}),
)


def audit_columns():
    return [sa.Column(name, type_, **kw) for name, type_, kw in AUDIT_COLUMNS]
