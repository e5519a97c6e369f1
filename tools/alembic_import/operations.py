"""Alembic's op.* calls, bound to Alembic 1.8's signatures, as Retort DSL calls."""
import ast
import re

from . import naming
from .cpp import call, cpp_bool, cpp_string, cpp_strings, options
from .pyexpr import (Malformed, Untranslatable, bind_arguments, check_keywords, dotted, is_none, literal, short_name,
                     string_list, text_of, where)
from .sqltypes import server_default, translate_type


class Context:
    """What one function body is translated with: the project's TypeDecorators and naming
    convention, and the unnamed constraints the revision's other function creates."""

    def __init__(self, scope=None, convention=None, unnamed=None):
        from .sqltypes import TypeScope
        self.scope = scope or TypeScope()
        self.convention = convention or {}
        self.unnamed = unnamed or []   # (kind, table, columns, check_columns)


def _string(node):
    return cpp_string(literal(node))


def opt_string(args, key):
    if key not in args:
        return None
    value = literal(args[key])
    return None if value is None else cpp_string(value)


def opt_bool(args, key):
    if key not in args:
        return None
    return cpp_bool(True) if literal(args[key]) else None


def _fk_options(kwargs, allowed):
    parts = []
    for key in allowed:
        if key in kwargs:
            value = literal(kwargs[key])
            if value is None:
                continue
            parts.append(f".{key} = {cpp_bool(value) if isinstance(value, bool) else cpp_string(str(value))}")
    return "{" + ", ".join(parts) + "}" if parts else ""


# ---------------------------------------------------------------- columns and table constraints

def translate_column(node, ctx):
    args, kwargs = bind_arguments(node, "sa.Column", [], 0, rest="args")
    check_keywords(node, "sa.Column", kwargs, {"primary_key", "nullable", "unique", "index", "server_default",
                                               "comment", "autoincrement"})
    args = args["args"]
    if len(args) < 2:
        raise Untranslatable(f"{where(node)}: sa.Column needs a name and a type to translate")
    name = literal(args[0])
    expr = f"Column({cpp_string(name)}, {translate_type(args[1], ctx.scope)})"
    for extra in args[2:]:
        kind = short_name(extra.func) if isinstance(extra, ast.Call) else None
        if kind == "ForeignKey":
            fk_args, fk_kwargs = bind_arguments(extra, "sa.ForeignKey", ["column"], 1)
            check_keywords(extra, "sa.ForeignKey", fk_kwargs, {"ondelete", "onupdate", "deferrable", "initially",
                                                               "match"})
            opts = _fk_options(fk_kwargs, ("ondelete", "onupdate", "deferrable", "initially", "match"))
            expr += f".foreign_key({_string(fk_args['column'])}{', ' + opts if opts else ''})"
        elif kind == "Identity":
            _, id_kwargs = bind_arguments(extra, "sa.Identity", [], 0)
            check_keywords(extra, "sa.Identity", id_kwargs, {"always", "start", "increment"})
            parts = [f".{k} = {cpp_bool(literal(v)) if k == 'always' else literal(v)}" for k, v in id_kwargs.items()]
            expr += f".identity({{{', '.join(parts)}}})" if parts else ".identity()"
        else:
            raise Untranslatable(f"{where(extra)}: column argument '{ast.unparse(extra)}' is not translated")
    for key, value in kwargs.items():
        if key == "server_default":
            if not is_none(value):
                expr += f".server_default({server_default(value)})"
            continue
        v = literal(value)
        if key == "primary_key" and v:
            expr += ".primary_key()"
        elif key == "nullable":
            expr += f".nullable({cpp_bool(v)})"
        elif key == "unique" and v:
            expr += ".unique()"
        elif key == "index" and v:
            expr += ".index()"
        elif key == "comment" and v is not None:
            expr += f".comment({cpp_string(v)})"
        elif key == "autoincrement" and v is False:
            expr += ".autoincrement(false)"
    return expr


def _constraint_name(kwargs):
    return literal(kwargs["name"]) if "name" in kwargs else None


def translate_constraint(node, ctx):
    kind = short_name(node.func)
    if kind in ("PrimaryKeyConstraint", "UniqueConstraint"):
        args, kwargs = bind_arguments(node, kind, [], 0, rest="columns")
        check_keywords(node, kind, kwargs, {"name"})
        cols = [literal(a) for a in args["columns"]]
        name = _constraint_name(kwargs)
        return f"{kind}({cpp_strings(cols)}{', ' + cpp_string(name) if name else ''})"
    if kind == "CheckConstraint":
        args, kwargs = bind_arguments(node, kind, ["sqltext"], 1)
        check_keywords(node, kind, kwargs, {"name"})
        name = _constraint_name(kwargs)
        return f"CheckConstraint({cpp_string(text_of(args['sqltext']))}{', ' + cpp_string(name) if name else ''})"
    if kind == "ForeignKeyConstraint":
        keys = ("ondelete", "onupdate", "deferrable", "initially", "match")
        args, kwargs = bind_arguments(node, kind, ["columns", "refcolumns"], 2)
        check_keywords(node, kind, kwargs, {"name", *keys})
        local = string_list(args["columns"])
        remote = string_list(args["refcolumns"])
        tables = {r.rsplit(".", 1)[0] for r in remote}
        if len(tables) != 1 or any("." not in r for r in remote):
            raise Untranslatable(f"{where(node)}: ForeignKeyConstraint must reference one table as 'table.column'")
        table = tables.pop()
        columns = [r.rsplit(".", 1)[1] for r in remote]
        name = _constraint_name(kwargs) or ""
        opts = _fk_options(kwargs, keys)
        if "." in table:
            schema, table = table.rsplit(".", 1)
            opts = opts[:-1] + (", " if opts else "{") + f".referent_schema = {cpp_string(schema)}}}"
        return (f"ForeignKeyConstraint({cpp_strings(local)}, {cpp_string(table)}, {cpp_strings(columns)}, "
                f"{cpp_string(name)}{', ' + opts if opts else ''})")
    raise Untranslatable(f"{where(node)}: '{ast.unparse(node)}' is not translated")


def _convention_is_postgres(ctx, node, table):
    """A naming convention that would name this table's unnamed constraints otherwise than
    PostgreSQL does makes create_table untranslatable (Alembic names them by the convention)."""
    if not ctx.convention:
        return
    for element in node.args[1:]:
        if not isinstance(element, ast.Call):
            continue
        kind = short_name(element.func)
        checks = []
        if kind == "Column":
            col = literal(element.args[0]) if element.args else ""
            flags = {kw.arg: kw.value for kw in element.keywords}
            if "unique" in flags and literal(flags["unique"]):
                checks.append(("unique", [col]))
            if any(isinstance(a, ast.Call) and short_name(a.func) == "ForeignKey" for a in element.args[2:]):
                checks.append(("foreignkey", [col]))
        elif kind in ("UniqueConstraint", "PrimaryKeyConstraint", "ForeignKeyConstraint"):
            if not any(kw.arg == "name" for kw in element.keywords):
                cols = string_list(element.args[0]) if kind == "ForeignKeyConstraint" and element.args else \
                    [literal(a) for a in element.args]
                checks.append(({"UniqueConstraint": "unique", "PrimaryKeyConstraint": "primary",
                                "ForeignKeyConstraint": "foreignkey"}[kind], cols))
        for kind_, cols in checks:
            named = naming.convention_name(ctx.convention, kind_, table, cols)
            if named is not None and named != naming.postgres_default(kind_, table, cols):
                raise Untranslatable(f"{where(element)}: the naming convention names this {kind_} constraint")


# ---------------------------------------------------------------- op.* calls

def op_create_table(node, ctx):
    args, kwargs = bind_arguments(node, "op.create_table", ["table_name"], 1, rest="columns")
    check_keywords(node, "op.create_table", kwargs, {"schema", "comment"})
    table = literal(args["table_name"])
    _convention_is_postgres(ctx, node, table)
    elements = [translate_column(a, ctx) if isinstance(a, ast.Call) and short_name(a.func) == "Column"
                else translate_constraint(a, ctx) if isinstance(a, ast.Call)
                else _not_an_element(a) for a in args["columns"]]
    body = "{\n" + "".join(f"        {e},\n" for e in elements) + "    }"
    return call("create_table", cpp_string(table), body,
                options([("schema", opt_string(kwargs, "schema")), ("comment", opt_string(kwargs, "comment"))]))


def _not_an_element(node):
    raise Untranslatable(f"{where(node)}: '{ast.unparse(node)}' is not a column or constraint")


def op_drop_table(node, ctx):
    args, kwargs = bind_arguments(node, "op.drop_table", ["table_name", "schema"], 1)
    check_keywords(node, "op.drop_table", kwargs, set())
    return call("drop_table", _string(args["table_name"]), options([("schema", opt_string(args, "schema"))]))


def op_add_column(node, ctx):
    args, kwargs = bind_arguments(node, "op.add_column", ["table_name", "column", "schema"], 2)
    check_keywords(node, "op.add_column", kwargs, set())
    column = args["column"]
    if not (isinstance(column, ast.Call) and short_name(column.func) == "Column"):
        raise Untranslatable(f"{where(node)}: op.add_column of '{ast.unparse(column)}', not an sa.Column(...)")
    return call("add_column", _string(args["table_name"]), translate_column(column, ctx),
                options([("schema", opt_string(args, "schema"))]))


def op_drop_column(node, ctx):
    args, kwargs = bind_arguments(node, "op.drop_column", ["table_name", "column_name", "schema"], 2)
    check_keywords(node, "op.drop_column", kwargs, set())
    return call("drop_column", _string(args["table_name"]), _string(args["column_name"]),
                options([("schema", opt_string(args, "schema"))]))


def op_create_index(node, ctx):
    args, kwargs = bind_arguments(node, "op.create_index",
                                  ["index_name", "table_name", "columns", "schema", "unique"], 3)
    check_keywords(node, "op.create_index", kwargs, {"postgresql_where", "postgresql_using", "postgresql_include",
                                                     "postgresql_concurrently", "if_not_exists"})
    where_ = cpp_string(text_of(kwargs["postgresql_where"])) if "postgresql_where" in kwargs else None
    include = cpp_strings(string_list(kwargs["postgresql_include"])) if "postgresql_include" in kwargs else None
    name = literal(args["index_name"])
    if name is None:
        raise Untranslatable(f"{where(node)}: create_index without a name")
    return call("create_index", cpp_string(name), _string(args["table_name"]),
                cpp_strings(string_list(args["columns"])),
                options([("unique", opt_bool(args, "unique")), ("schema", opt_string(args, "schema")),
                         ("where", where_), ("method", opt_string(kwargs, "postgresql_using")),
                         ("include", include), ("concurrently", opt_bool(kwargs, "postgresql_concurrently")),
                         ("if_not_exists", opt_bool(kwargs, "if_not_exists"))]))


def op_drop_index(node, ctx):
    args, kwargs = bind_arguments(node, "op.drop_index", ["index_name", "table_name", "schema"], 1)
    check_keywords(node, "op.drop_index", kwargs, {"postgresql_concurrently", "if_exists"})
    return call("drop_index", _string(args["index_name"]),
                options([("schema", opt_string(args, "schema")),
                         ("concurrently", opt_bool(kwargs, "postgresql_concurrently")),
                         ("if_exists", opt_bool(kwargs, "if_exists"))]))


def _created_name(ctx, kind, name_node, table, columns, referred=None):
    """The name a create_* passes: its own, the naming convention's, or '' (PostgreSQL names it)."""
    name = literal(name_node)
    if name is not None:
        return cpp_string(name)
    named = naming.convention_name(ctx.convention, kind, table, columns, referred)
    return cpp_string(named or "")


def op_create_foreign_key(node, ctx):
    keys = ("onupdate", "ondelete", "deferrable", "initially", "match", "source_schema", "referent_schema")
    args, kwargs = bind_arguments(node, "op.create_foreign_key",
                                  ["constraint_name", "source_table", "referent_table", "local_cols", "remote_cols",
                                   *keys], 5)
    check_keywords(node, "op.create_foreign_key", kwargs, set())
    table, local = literal(args["source_table"]), string_list(args["local_cols"])
    referred = literal(args["referent_table"])
    pairs = [(k, opt_bool(args, k) if k == "deferrable" else opt_string(args, k))
             for k in ("ondelete", "onupdate", "deferrable", "initially", "match", "source_schema", "referent_schema")]
    return call("create_foreign_key",
                _created_name(ctx, "foreignkey", args["constraint_name"], table, local, referred),
                cpp_string(table), cpp_string(referred), cpp_strings(local),
                cpp_strings(string_list(args["remote_cols"])), options(pairs))


def _dropped_name(ctx, node, kind, table):
    if kind not in naming.KINDS:
        raise Untranslatable(f"{where(node)}: drop_constraint(None, ...) needs type_= to find the name")
    named = naming.convention_name(ctx.convention, kind, table, [])
    if named:
        return named
    matches = [u for u in ctx.unnamed if u[0] == kind and u[1] == table]
    if len(matches) == 1:
        _, _, columns, check_columns = matches[0]
        return (naming.convention_name(ctx.convention, kind, table, columns)
                or naming.postgres_default(kind, table, columns, check_columns))
    raise Untranslatable(f"{where(node)}: drop_constraint(None, {table!r}, type_={kind!r}): neither a naming "
                         f"convention nor an unnamed constraint this revision creates gives the name; review it")


def op_drop_constraint(node, ctx):
    args, kwargs = bind_arguments(node, "op.drop_constraint", ["constraint_name", "table_name", "type_", "schema"], 2)
    check_keywords(node, "op.drop_constraint", kwargs, set())
    table = literal(args["table_name"])
    name = literal(args["constraint_name"])
    if name is None:
        name = _dropped_name(ctx, node, literal(args["type_"]) if "type_" in args else None, table)
    return call("drop_constraint", cpp_string(name), cpp_string(table),
                options([("schema", opt_string(args, "schema"))]))


def op_execute(node, ctx):
    args, kwargs = bind_arguments(node, "op.execute", ["sqltext", "execution_options"], 1)
    check_keywords(node, "op.execute", kwargs, set())
    value = text_of(args["sqltext"])
    if not isinstance(value, str):
        raise Untranslatable(f"{where(node)}: op.execute of a SQLAlchemy construct is not translated")
    return call("execute", cpp_string(value))


def op_rename_table(node, ctx):
    args, kwargs = bind_arguments(node, "op.rename_table", ["old_table_name", "new_table_name", "schema"], 2)
    check_keywords(node, "op.rename_table", kwargs, set())
    return call("rename_table", _string(args["old_table_name"]), _string(args["new_table_name"]),
                options([("schema", opt_string(args, "schema"))]))


def op_create_table_comment(node, ctx):
    args, kwargs = bind_arguments(node, "op.create_table_comment",
                                  ["table_name", "comment", "existing_comment", "schema"], 2)
    check_keywords(node, "op.create_table_comment", kwargs, set())
    return call("create_table_comment", _string(args["table_name"]), _string(args["comment"]),
                options([("schema", opt_string(args, "schema"))]))


def op_drop_table_comment(node, ctx):
    args, kwargs = bind_arguments(node, "op.drop_table_comment", ["table_name", "existing_comment", "schema"], 1)
    check_keywords(node, "op.drop_table_comment", kwargs, set())
    return call("drop_table_comment", _string(args["table_name"]), options([("schema", opt_string(args, "schema"))]))


def op_alter_column(node, ctx):
    # existing_* arguments only describe the column for other databases; PostgreSQL needs none.
    args, kwargs = bind_arguments(node, "op.alter_column",
                                  ["table_name", "column_name", "nullable", "comment", "server_default",
                                   "new_column_name", "type_", "existing_type", "existing_server_default",
                                   "existing_nullable", "existing_comment", "schema"], 2)
    check_keywords(node, "op.alter_column", kwargs, {"postgresql_using", "autoincrement", "existing_autoincrement"})
    if "autoincrement" in kwargs:
        raise Untranslatable(f"{where(node)}: alter_column(autoincrement=...) has no PostgreSQL meaning here")
    pairs = [("schema", opt_string(args, "schema")), ("new_column_name", opt_string(args, "new_column_name"))]
    if "type_" in args and not is_none(args["type_"]):
        pairs.append(("type", translate_type(args["type_"], ctx.scope)))
    if "postgresql_using" in kwargs:
        pairs.append(("using_expression", cpp_string(literal(kwargs["postgresql_using"]))))
    if "nullable" in args and not is_none(args["nullable"]):
        pairs.append(("nullable", cpp_bool(literal(args["nullable"]))))
    if "server_default" in args:
        value = args["server_default"]
        if isinstance(value, ast.Constant) and value.value is False:
            pass
        elif is_none(value):
            pairs.append(("server_default", "drop_default()"))
        else:
            pairs.append(("server_default", server_default(value)))
    if "comment" in args:
        value = args["comment"]
        if is_none(value):
            pairs.append(("drop_comment", "true"))
        elif not (isinstance(value, ast.Constant) and value.value is False):
            pairs.append(("comment", cpp_string(literal(value))))
    order = ["schema", "new_column_name", "type", "using_expression", "nullable", "server_default", "comment",
             "drop_comment"]
    pairs.sort(key=lambda p: order.index(p[0]))
    opts = options(pairs)
    if opts is None:
        raise Untranslatable(f"{where(node)}: alter_column that changes nothing")
    return call("alter_column", _string(args["table_name"]), _string(args["column_name"]), opts)


def op_create_primary_key(node, ctx):
    args, kwargs = bind_arguments(node, "op.create_primary_key", ["constraint_name", "table_name", "columns",
                                                                  "schema"], 3)
    check_keywords(node, "op.create_primary_key", kwargs, set())
    table, columns = literal(args["table_name"]), string_list(args["columns"])
    return call("create_primary_key", _created_name(ctx, "primary", args["constraint_name"], table, columns),
                cpp_string(table), cpp_strings(columns), options([("schema", opt_string(args, "schema"))]))


def op_create_unique_constraint(node, ctx):
    args, kwargs = bind_arguments(node, "op.create_unique_constraint", ["constraint_name", "table_name", "columns",
                                                                        "schema"], 3)
    check_keywords(node, "op.create_unique_constraint", kwargs, {"deferrable", "initially"})
    table, columns = literal(args["table_name"]), string_list(args["columns"])
    return call("create_unique_constraint", _created_name(ctx, "unique", args["constraint_name"], table, columns),
                cpp_string(table), cpp_strings(columns),
                options([("schema", opt_string(args, "schema")), ("deferrable", opt_bool(kwargs, "deferrable")),
                         ("initially", opt_string(kwargs, "initially"))]))


def op_create_check_constraint(node, ctx):
    args, kwargs = bind_arguments(node, "op.create_check_constraint", ["constraint_name", "table_name", "condition",
                                                                       "schema"], 3)
    check_keywords(node, "op.create_check_constraint", kwargs, {"postgresql_not_valid"})
    table, condition = literal(args["table_name"]), text_of(args["condition"])
    return call("create_check_constraint",
                _created_name(ctx, "check", args["constraint_name"], table, []),
                cpp_string(table), cpp_string(condition),
                options([("schema", opt_string(args, "schema")),
                         ("not_valid", opt_bool(kwargs, "postgresql_not_valid"))]))


def op_create_exclude_constraint(node, ctx):
    args, kwargs = bind_arguments(node, "op.create_exclude_constraint", ["constraint_name", "table_name"], 2,
                                  rest="elements")
    check_keywords(node, "op.create_exclude_constraint", kwargs, {"schema", "using", "where", "deferrable",
                                                                  "initially"})
    elements = []
    for element in args["elements"]:
        pair = literal(element)
        if not (isinstance(pair, tuple) and len(pair) == 2):
            raise Untranslatable(f"{where(node)}: exclusion elements must be (column, operator) pairs")
        elements.append("{" + cpp_string(pair[0]) + ", " + cpp_string(pair[1]) + "}")
    where_ = kwargs.get("where")
    return call("create_exclude_constraint", _string(args["constraint_name"]), _string(args["table_name"]),
                "{" + ", ".join(elements) + "}",
                options([("schema", opt_string(kwargs, "schema")), ("using_method", opt_string(kwargs, "using")),
                         ("where", cpp_string(text_of(where_)) if where_ is not None else None),
                         ("deferrable", opt_bool(kwargs, "deferrable")),
                         ("initially", opt_string(kwargs, "initially"))]))


OPERATIONS = {
    "create_table": op_create_table,
    "drop_table": op_drop_table,
    "add_column": op_add_column,
    "drop_column": op_drop_column,
    "create_index": op_create_index,
    "drop_index": op_drop_index,
    "create_foreign_key": op_create_foreign_key,
    "drop_constraint": op_drop_constraint,
    "execute": op_execute,
    "rename_table": op_rename_table,
    "create_table_comment": op_create_table_comment,
    "drop_table_comment": op_drop_table_comment,
    "alter_column": op_alter_column,
    "create_primary_key": op_create_primary_key,
    "create_unique_constraint": op_create_unique_constraint,
    "create_check_constraint": op_create_check_constraint,
    "create_exclude_constraint": op_create_exclude_constraint,
}

# Alembic 1.8's own operations (and Operations methods): anything else on `op` is a plugin's.
ALEMBIC_OPERATIONS = set(OPERATIONS) | {
    "batch_alter_table", "bulk_insert", "inline_literal", "get_bind", "get_context", "f", "invoke",
    "implementation_for", "register_operation", "run_async",
}

_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_SQL_WORDS = {"and", "or", "not", "null", "is", "in", "true", "false", "like", "ilike", "between", "case", "when",
              "then", "else", "end", "any", "all", "similar", "to", "distinct", "from"}


def check_columns(condition):
    """The column names a CHECK condition mentions (for PostgreSQL's default name)."""
    text = re.sub(r"'(?:[^']|'')*'", " ", condition)
    text = re.sub(r"::\s*\w+", " ", text)
    found = []
    for m in _WORD.finditer(text):
        word = m.group(0)
        rest = text[m.end():].lstrip()
        if word.lower() in _SQL_WORDS or rest.startswith("(") or word[0].isdigit():
            continue
        if word not in found:
            found.append(word)
    return found


_UNNAMED_CREATES = {
    "create_unique_constraint": ("unique", ["constraint_name", "table_name", "columns"]),
    "create_primary_key": ("primary", ["constraint_name", "table_name", "columns"]),
    "create_check_constraint": ("check", ["constraint_name", "table_name", "condition"]),
    "create_foreign_key": ("foreignkey", ["constraint_name", "table_name", "referent_table", "columns", "remote_cols"]),
}


def unnamed_constraints(statements):
    """(kind, table, columns, check columns) of every create_* with name None in a function body."""
    found = []
    for node in ast.walk(ast.Module(body=list(statements), type_ignores=[])):
        name = dotted(node.func) if isinstance(node, ast.Call) else None
        if not name or not name.startswith("op.") or node.func.attr not in _UNNAMED_CREATES:
            continue
        kind, params = _UNNAMED_CREATES[node.func.attr]
        try:
            args, _ = bind_arguments(node, name, params, len(params))
            if not is_none(args["constraint_name"]):
                continue
            table = literal(args["table_name"])
            if kind == "check":
                found.append((kind, table, [], check_columns(text_of(args["condition"]))))
            else:
                found.append((kind, table, string_list(args["columns"]), []))
        except (Untranslatable, Malformed):
            continue  # reported where the call itself is translated
    return found
