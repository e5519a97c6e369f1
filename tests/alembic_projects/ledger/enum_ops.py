"""A small enum-sync operation in the style of the alembic_postgresql_enum plugin (which Debian
does not package): op.sync_enum_values(schema, name, new_values, affected_columns,
enum_values_to_rename). Like the plugin, it reads each column's server default from the live
catalog, so its offline SQL lacks the DROP DEFAULT / SET DEFAULT steps a defaulted column needs."""
from dataclasses import dataclass

import sqlalchemy as sa
from alembic.operations import MigrateOperation, Operations


@dataclass
class TableReference:
    table_schema: str
    table_name: str
    column_name: str
    column_type: str = "COMMON"
    existing_server_default: str = None


@Operations.register_operation("sync_enum_values")
class SyncEnumValuesOp(MigrateOperation):
    def __init__(self, enum_schema, enum_name, new_values, affected_columns, enum_values_to_rename=()):
        self.enum_schema, self.enum_name, self.new_values = enum_schema, enum_name, new_values
        self.affected_columns, self.enum_values_to_rename = affected_columns, enum_values_to_rename

    @classmethod
    def sync_enum_values(cls, operations, enum_schema, enum_name, new_values, affected_columns,
                         enum_values_to_rename=()):
        return operations.invoke(cls(enum_schema, enum_name, new_values, affected_columns, enum_values_to_rename))


def _reference(column, schema):
    if isinstance(column, TableReference):
        return column.table_schema or schema, column.table_name, column.column_name
    table, name = column
    return schema, table, name


@Operations.implementation_for(SyncEnumValuesOp)
def sync_enum_values(operations, operation):
    schema, name = operation.enum_schema, operation.enum_name
    qualified, old = f"{schema}.{name}", f"{name}_old"
    operations.execute(f"ALTER TYPE {qualified} RENAME TO {old}")
    values = ", ".join("'" + v.replace("'", "''") + "'" for v in operation.new_values)
    operations.execute(f"CREATE TYPE {qualified} AS ENUM ({values})")
    online = not operations.get_context().as_sql
    for column in operation.affected_columns:
        col_schema, table, col = _reference(column, schema)
        default = None
        if online:
            default = operations.get_bind().execute(sa.text(
                "SELECT pg_get_expr(d.adbin, d.adrelid) FROM pg_attrdef d JOIN pg_attribute a "
                "ON a.attrelid = d.adrelid AND a.attnum = d.adnum "
                "WHERE d.adrelid = CAST(:t AS regclass) AND a.attname = :c"),
                {"t": f"{col_schema}.{table}", "c": col}).scalar()
        using = f"{col}::text"
        for before, after in operation.enum_values_to_rename:
            using = f"CASE {using} WHEN '{before}' THEN '{after}' ELSE {using} END"
        if default is not None:
            operations.execute(f"ALTER TABLE {col_schema}.{table} ALTER COLUMN {col} DROP DEFAULT")
        operations.execute(f"ALTER TABLE {col_schema}.{table} ALTER COLUMN {col} TYPE {qualified} "
                           f"USING {using}::{qualified}")
        if default is not None:
            operations.execute(f"ALTER TABLE {col_schema}.{table} ALTER COLUMN {col} SET DEFAULT "
                               f"{default.replace(old, name)}")
    operations.execute(f"DROP TYPE {schema}.{old}")
