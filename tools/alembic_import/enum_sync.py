"""op.sync_enum_values (the alembic_postgresql_enum plugin) as Retort operations.

The plugin renames the type, creates it anew with the new values, moves every column over
(dropping its server default first and setting it back after: PostgreSQL cannot cast a default
to the new type) and drops the old type. Its offline SQL leaves the default steps out, because
it reads the defaults from the live catalog; here they are explicit operations when the call
states the default (TableReference(..., existing_server_default=...)), and a DO block that reads
the catalog when it does not.
"""
import ast

from .cpp import call, cpp_string, cpp_strings, options
from .pyexpr import Untranslatable, bind_arguments, check_keywords, is_none, literal, short_name, where


def _quote(identifier):
    return identifier if identifier.islower() and identifier.replace("_", "").isalnum() else \
        '"' + identifier.replace('"', '""') + '"'


def _qualified(schema, name):
    return f"{_quote(schema)}.{_quote(name)}" if schema else _quote(name)


def _column(node, default_schema):
    """(schema, table, column, default or None, default known?) of one affected column."""
    if isinstance(node, (ast.Tuple, ast.List)):
        values = [literal(e) for e in node.elts]
        if len(values) != 2:
            raise Untranslatable(f"{where(node)}: an affected column must be (table, column)")
        return default_schema, values[0], values[1], None, False
    if isinstance(node, ast.Call) and short_name(node.func) == "TableReference":
        args, kwargs = bind_arguments(node, "TableReference", ["table_schema", "table_name", "column_name",
                                                               "column_type", "existing_server_default"], 3)
        check_keywords(node, "TableReference", kwargs, set())
        if "column_type" in args and short_name(args["column_type"]) not in ("COMMON", None):
            raise Untranslatable(f"{where(node)}: enum sync of an array column is not translated")
        schema = literal(args["table_schema"])
        known = "existing_server_default" in args
        default = literal(args["existing_server_default"]) if known and not is_none(args["existing_server_default"]) \
            else None
        return schema or default_schema, literal(args["table_name"]), literal(args["column_name"]), default, known
    raise Untranslatable(f"{where(node)}: affected column '{ast.unparse(node)}' is not translated")


def _using(column, type_sql, renames):
    value = f"{_quote(column)}::text"
    if renames:
        cases = " ".join(f"WHEN {_literal(old)} THEN {_literal(new)}" for old, new in renames)
        value = f"CASE {value} {cases} ELSE {value} END"
    return f"{value}::{type_sql}"


def _literal(text):
    return "'" + text.replace("'", "''") + "'"


def _catalog_block(schema, table, column, old_name, new_name, type_sql, using):
    """SQL that moves one column to the new type, carrying its server default over."""
    target = _qualified(schema, table)
    col = _quote(column)
    return (
        "DO $retort_enum_sync$\nDECLARE d text;\nBEGIN\n"
        "    SELECT pg_get_expr(ad.adbin, ad.adrelid) INTO d FROM pg_attrdef ad\n"
        "      JOIN pg_attribute a ON a.attrelid = ad.adrelid AND a.attnum = ad.adnum\n"
        f"     WHERE ad.adrelid = {_literal(target)}::regclass AND a.attname = {_literal(column)};\n"
        f"    IF d IS NOT NULL THEN EXECUTE {_literal(f'ALTER TABLE {target} ALTER COLUMN {col} DROP DEFAULT')}; END IF;\n"
        f"    EXECUTE {_literal(f'ALTER TABLE {target} ALTER COLUMN {col} TYPE {type_sql} USING {using}')};\n"
        f"    IF d IS NOT NULL THEN EXECUTE {_literal(f'ALTER TABLE {target} ALTER COLUMN {col} SET DEFAULT ')}"
        f" || replace(d, {_literal(old_name)}, {_literal(new_name)}); END IF;\n"
        "END $retort_enum_sync$")


def translate_sync(node):
    args, kwargs = bind_arguments(node, "op.sync_enum_values", ["enum_schema", "enum_name", "new_values",
                                                                "affected_columns", "enum_values_to_rename"], 4)
    check_keywords(node, "op.sync_enum_values", kwargs, set())
    schema = literal(args["enum_schema"])
    name = literal(args["enum_name"])
    values = [literal(v) for v in args["new_values"].elts] if isinstance(args["new_values"], (ast.List, ast.Tuple)) \
        else list(literal(args["new_values"]))
    renames = [tuple(r) for r in literal(args["enum_values_to_rename"])] if "enum_values_to_rename" in args else []
    if not isinstance(args["affected_columns"], (ast.List, ast.Tuple)):
        raise Untranslatable(f"{where(node)}: affected_columns must be a literal list")
    columns = [_column(c, schema) for c in args["affected_columns"].elts]
    old_name = f"{name}_old"
    type_sql = _qualified(schema, name)
    schema_opt = options([("schema", cpp_string(schema) if schema else None)])
    full_name = f"{schema}.{name}" if schema else name
    lines = [call("execute", cpp_string(f"ALTER TYPE {type_sql} RENAME TO {_quote(old_name)}")),
             call("create_enum", cpp_string(name), cpp_strings(values), schema_opt)]
    for col_schema, table, column, default, known in columns:
        using = _using(column, type_sql, renames)
        table_opt = ("schema", cpp_string(col_schema)) if col_schema else ("schema", None)
        if not known:
            lines.append(call("execute", cpp_string(_catalog_block(col_schema, table, column, old_name, name,
                                                                   type_sql, using))))
            continue
        if default is not None:
            lines.append(call("alter_column", cpp_string(table), cpp_string(column),
                              options([table_opt, ("server_default", "drop_default()")])))
        lines.append(call("alter_column", cpp_string(table), cpp_string(column),
                          options([table_opt, ("type", f"Enum({cpp_string(full_name)}, {{}})"),
                                   ("using_expression", cpp_string(using))])))
        if default is not None:
            lines.append(call("alter_column", cpp_string(table), cpp_string(column),
                              options([table_opt, ("server_default", f"sql({cpp_string(default)})")])))
    lines.append(call("drop_enum", cpp_string(old_name), schema_opt))
    return lines
