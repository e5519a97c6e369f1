"""Import an Alembic project's revisions into Retort revision files (tools/retort-import-alembic)."""
