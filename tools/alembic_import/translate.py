"""Translates the op.* calls of an Alembic function body into Retort DSL calls.

Only what can be translated faithfully is: literal arguments, SQLAlchemy types and constructs
Retort knows. Anything else (Python logic, names, model imports, op.get_bind()) makes the whole
body untranslatable, and the importer falls back to the SQL Alembic itself renders.
"""
import ast


class Untranslatable(Exception):
    """Why a body cannot be translated faithfully; the message names the line."""


def cpp_string(text):
    out = ['"']
    for ch in text:
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"':
            out.append('\\"')
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ch == "?":
            out.append("\\?")  # no trigraphs
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def cpp_strings(items):
    return "{" + ", ".join(cpp_string(i) for i in items) + "}"


def cpp_bool(value):
    return "true" if value else "false"


def _where(node):
    return f"line {getattr(node, 'lineno', '?')}"


def dotted(node):
    """'sa.Integer' for sa.Integer, 'postgresql.UUID' for postgresql.UUID, 'op.f' ..."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        base = dotted(node.value)
        return f"{base}.{node.attr}" if base else None
    return None


def short_name(node):
    """The last part of a dotted name: sa.types.Integer -> Integer."""
    name = dotted(node)
    return name.rsplit(".", 1)[-1] if name else None


def literal(node):
    """A Python literal, or op.f("name") (Alembic's 'name is final' marker)."""
    if isinstance(node, ast.Call) and short_name(node.func) == "f" and dotted(node.func) in ("op.f",):
        if len(node.args) == 1 and not node.keywords:
            return literal(node.args[0])
    try:
        return ast.literal_eval(node)
    except ValueError:
        raise Untranslatable(f"{_where(node)}: '{ast.unparse(node)}' is not a literal") from None


def string_list(node):
    """A list of names; sa.text("expr") items stay expressions (create_index)."""
    if isinstance(node, (ast.List, ast.Tuple)):
        items = []
        for item in node.elts:
            if isinstance(item, ast.Call) and short_name(item.func) == "text" and len(item.args) == 1:
                items.append(literal(item.args[0]))
            else:
                items.append(literal(item))
        if all(isinstance(i, str) for i in items):
            return items
    value = literal(node)
    if isinstance(value, str):
        return [value]
    if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
        raise Untranslatable(f"{_where(node)}: expected a list of names, got '{ast.unparse(node)}'")
    return list(value)


def _call_args(node, allowed_kwargs, name):
    kwargs = {}
    for kw in node.keywords:
        if kw.arg is None:
            raise Untranslatable(f"{_where(node)}: **kwargs in {name}")
        if kw.arg not in allowed_kwargs:
            raise Untranslatable(f"{_where(node)}: {name}() argument '{kw.arg}' has no Retort equivalent here")
        kwargs[kw.arg] = kw.value
    for a in node.args:
        if isinstance(a, ast.Starred):
            raise Untranslatable(f"{_where(node)}: *args in {name}")
    return node.args, kwargs


# ---------------------------------------------------------------- types

_SIMPLE_TYPES = {
    "Integer": "Integer()", "INTEGER": "Integer()", "BigInteger": "BigInteger()", "BIGINT": "BigInteger()",
    "SmallInteger": "SmallInteger()", "SMALLINT": "SmallInteger()", "Text": "Text()", "TEXT": "Text()",
    "UnicodeText": "Text()", "Boolean": "Boolean()", "BOOLEAN": "Boolean()", "Date": "Date()", "DATE": "Date()",
    "Interval": "Interval()", "INTERVAL": "Interval()", "LargeBinary": "LargeBinary()", "BYTEA": "LargeBinary()",
    "JSON": "JSON()", "JSONB": "JSONB()", "UUID": "UUID()", "Uuid": "UUID()",
    "Float": None, "FLOAT": None, "REAL": None, "DOUBLE_PRECISION": "Double()",
}

# PostgreSQL types SQLAlchemy renders by their own name.
_RAW_TYPES = {"TSRANGE", "TSTZRANGE", "INT4RANGE", "INT8RANGE", "NUMRANGE", "DATERANGE", "INET", "CIDR",
              "MACADDR", "MONEY", "TSVECTOR", "OID", "REGCLASS", "BIT"}


def translate_type(node):
    """A SQLAlchemy type (class or instance) -> a Retort type expression."""
    call = node if isinstance(node, ast.Call) else None
    name = short_name(call.func if call else node)
    if name is None:
        raise Untranslatable(f"{_where(node)}: '{ast.unparse(node)}' is not a SQLAlchemy type")
    args = call.args if call else []
    kwargs = {kw.arg: kw.value for kw in call.keywords} if call else {}

    def only(*allowed):
        extra = [k for k in kwargs if k not in allowed]
        if extra:
            raise Untranslatable(f"{_where(node)}: {name}({extra[0]}=...) has no Retort equivalent")

    if name in ("String", "VARCHAR", "Unicode"):
        only("length")
        length = literal(args[0]) if args else (literal(kwargs["length"]) if "length" in kwargs else None)
        return f"String({length})" if length is not None else "String()"
    if name in ("CHAR", "NCHAR"):
        only("length")
        length = literal(args[0]) if args else (literal(kwargs["length"]) if "length" in kwargs else None)
        return f"CHAR({length})" if length is not None else "CHAR()"
    if name in ("Numeric", "NUMERIC", "DECIMAL"):
        only("precision", "scale", "asdecimal")
        p = literal(args[0]) if len(args) > 0 else (literal(kwargs["precision"]) if "precision" in kwargs else None)
        s = literal(args[1]) if len(args) > 1 else (literal(kwargs["scale"]) if "scale" in kwargs else None)
        if p is None:
            return "Numeric()"
        return f"Numeric({p}, {s})" if s is not None else f"Numeric({p})"
    if name in ("Float", "FLOAT", "REAL"):
        only("precision", "asdecimal")
        p = literal(args[0]) if args else (literal(kwargs["precision"]) if "precision" in kwargs else None)
        if name == "REAL":
            return "raw_type(\"REAL\")"
        return f"Float({p})" if p is not None else "Float()"
    if name in ("DateTime", "TIMESTAMP"):
        only("timezone")
        tz = literal(args[0]) if args else (literal(kwargs["timezone"]) if "timezone" in kwargs else False)
        return f"DateTime({cpp_bool(tz)})" if tz else "DateTime()"
    if name in ("Time", "TIME"):
        only("timezone")
        tz = literal(args[0]) if args else (literal(kwargs["timezone"]) if "timezone" in kwargs else False)
        return f"Time({cpp_bool(tz)})" if tz else "Time()"
    if name == "ARRAY":
        only("dimensions")
        if not args:
            raise Untranslatable(f"{_where(node)}: ARRAY without an item type")
        dims = literal(kwargs["dimensions"]) if "dimensions" in kwargs else None
        inner = translate_type(args[0])
        return f"ARRAY({inner}, {dims})" if dims else f"ARRAY({inner})"
    if name in ("UUID", "Uuid"):
        only("as_uuid")
        return "UUID()"
    if name in _RAW_TYPES:
        only()
        return f"raw_type({cpp_string(name)})"
    if name in _SIMPLE_TYPES and _SIMPLE_TYPES[name] is not None:
        only("none_as_null", "astext_type", "length")
        return _SIMPLE_TYPES[name]
    raise Untranslatable(f"{_where(node)}: type '{ast.unparse(node)}' is not translated")


# ---------------------------------------------------------------- defaults, columns, constraints

def server_default(node):
    """server_default="x" -> "x" (a quoted literal); sa.text("now()") -> sql("now()")."""
    if isinstance(node, ast.Call) and short_name(node.func) in ("text", "literal_column"):
        return f"sql({cpp_string(literal(node.args[0]))})"
    if isinstance(node, ast.Call) and short_name(node.func) in ("false", "true") and not node.args:
        return f"sql({cpp_string(short_name(node.func))})"
    value = literal(node)
    if not isinstance(value, str):
        raise Untranslatable(f"{_where(node)}: server_default must be a string or sa.text(...)")
    return cpp_string(value)


def _fk_options(kwargs, allowed):
    parts = []
    for key in allowed:
        if key in kwargs:
            value = literal(kwargs[key])
            if value is None:
                continue
            parts.append(f".{key} = {cpp_bool(value) if isinstance(value, bool) else cpp_string(str(value))}")
    return "{" + ", ".join(parts) + "}" if parts else ""


def translate_column(node):
    args, kwargs = _call_args(node, {"primary_key", "nullable", "unique", "index", "server_default", "comment",
                                     "autoincrement"}, "sa.Column")
    if len(args) < 2:
        raise Untranslatable(f"{_where(node)}: sa.Column needs a name and a type to translate")
    name = literal(args[0])
    expr = f"Column({cpp_string(name)}, {translate_type(args[1])})"
    for extra in args[2:]:
        kind = short_name(extra.func) if isinstance(extra, ast.Call) else None
        if kind == "ForeignKey":
            fk_args, fk_kwargs = _call_args(extra, {"ondelete", "onupdate", "deferrable", "initially", "match"},
                                            "sa.ForeignKey")
            options = _fk_options(fk_kwargs, ("ondelete", "onupdate", "deferrable", "initially", "match"))
            expr += f".foreign_key({cpp_string(literal(fk_args[0]))}{', ' + options if options else ''})"
        elif kind == "Identity":
            _, id_kwargs = _call_args(extra, {"always", "start", "increment"}, "sa.Identity")
            parts = [f".{k} = {cpp_bool(literal(v)) if k == 'always' else literal(v)}" for k, v in id_kwargs.items()]
            expr += f".identity({{{', '.join(parts)}}})" if parts else ".identity()"
        else:
            raise Untranslatable(f"{_where(extra)}: column argument '{ast.unparse(extra)}' is not translated")
    for key, value in kwargs.items():
        if key == "server_default":
            if not (isinstance(value, ast.Constant) and value.value is None):
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


def translate_constraint(node):
    kind = short_name(node.func)
    if kind in ("PrimaryKeyConstraint", "UniqueConstraint"):
        args, kwargs = _call_args(node, {"name"}, kind)
        cols = [literal(a) for a in args]
        name = literal(kwargs["name"]) if "name" in kwargs else None
        return f"{kind}({cpp_strings(cols)}{', ' + cpp_string(name) if name else ''})"
    if kind == "CheckConstraint":
        args, kwargs = _call_args(node, {"name"}, kind)
        text = args[0]
        if isinstance(text, ast.Call) and short_name(text.func) == "text":
            text = text.args[0]
        name = literal(kwargs["name"]) if "name" in kwargs else None
        return f"CheckConstraint({cpp_string(literal(text))}{', ' + cpp_string(name) if name else ''})"
    if kind == "ForeignKeyConstraint":
        args, kwargs = _call_args(node, {"name", "ondelete", "onupdate", "deferrable", "initially", "match"}, kind)
        local = string_list(args[0])
        remote = string_list(args[1])
        tables = {r.rsplit(".", 1)[0] for r in remote}
        if len(tables) != 1 or any("." not in r for r in remote):
            raise Untranslatable(f"{_where(node)}: ForeignKeyConstraint must reference one table as 'table.column'")
        table = tables.pop()
        columns = [r.rsplit(".", 1)[1] for r in remote]
        name = literal(kwargs["name"]) if "name" in kwargs else ""
        options = _fk_options(kwargs, ("ondelete", "onupdate", "deferrable", "initially", "match"))
        schema = ""
        if "." in table:
            schema, table = table.rsplit(".", 1)
            options = options[:-1] + (", " if options else "{") + f".referent_schema = {cpp_string(schema)}}}"
        return (f"ForeignKeyConstraint({cpp_strings(local)}, {cpp_string(table)}, {cpp_strings(columns)}, "
                f"{cpp_string(name)}{', ' + options if options else ''})")
    raise Untranslatable(f"{_where(node)}: '{ast.unparse(node)}' is not translated")


def table_element(node):
    if isinstance(node, ast.Call) and short_name(node.func) == "Column":
        return translate_column(node)
    if isinstance(node, ast.Call):
        return translate_constraint(node)
    raise Untranslatable(f"{_where(node)}: '{ast.unparse(node)}' is not a column or constraint")


def options(pairs):
    """Designated initialisers from (field, C++ value) pairs, skipping unset ones."""
    parts = [f".{k} = {v}" for k, v in pairs if v is not None]
    return "{" + ", ".join(parts) + "}" if parts else None


def opt_string(kwargs, key):
    if key not in kwargs:
        return None
    value = literal(kwargs[key])
    return None if value is None else cpp_string(value)


def opt_bool(kwargs, key):
    if key not in kwargs:
        return None
    return cpp_bool(literal(kwargs[key])) if literal(kwargs[key]) else None


def call(name, *args):
    present = [a for a in args if a is not None]
    return f"op.{name}({', '.join(present)});"


# ---------------------------------------------------------------- op.* calls

def op_create_table(node):
    args, kwargs = _call_args(node, {"schema", "comment"}, "op.create_table")
    elements = [table_element(a) for a in args[1:]]
    body = "{\n" + "".join(f"        {e},\n" for e in elements) + "    }"
    return call("create_table", cpp_string(literal(args[0])), body,
                options([("schema", opt_string(kwargs, "schema")), ("comment", opt_string(kwargs, "comment"))]))


def op_drop_table(node):
    args, kwargs = _call_args(node, {"schema"}, "op.drop_table")
    return call("drop_table", cpp_string(literal(args[0])), options([("schema", opt_string(kwargs, "schema"))]))


def op_add_column(node):
    args, kwargs = _call_args(node, {"schema"}, "op.add_column")
    return call("add_column", cpp_string(literal(args[0])), translate_column(args[1]),
                options([("schema", opt_string(kwargs, "schema"))]))


def op_drop_column(node):
    args, kwargs = _call_args(node, {"schema"}, "op.drop_column")
    return call("drop_column", cpp_string(literal(args[0])), cpp_string(literal(args[1])),
                options([("schema", opt_string(kwargs, "schema"))]))


def op_create_index(node):
    args, kwargs = _call_args(node, {"unique", "schema", "postgresql_where", "postgresql_using",
                                     "postgresql_include", "postgresql_concurrently", "if_not_exists"},
                              "op.create_index")
    where = kwargs.get("postgresql_where")
    if where is not None:
        if isinstance(where, ast.Call) and short_name(where.func) == "text":
            where = where.args[0]
        where = cpp_string(literal(where))
    include = cpp_strings(string_list(kwargs["postgresql_include"])) if "postgresql_include" in kwargs else None
    return call("create_index", cpp_string(literal(args[0])), cpp_string(literal(args[1])),
                cpp_strings(string_list(args[2])),
                options([("unique", opt_bool(kwargs, "unique")), ("schema", opt_string(kwargs, "schema")),
                         ("where", where), ("method", opt_string(kwargs, "postgresql_using")),
                         ("include", include), ("concurrently", opt_bool(kwargs, "postgresql_concurrently")),
                         ("if_not_exists", opt_bool(kwargs, "if_not_exists"))]))


def op_drop_index(node):
    args, kwargs = _call_args(node, {"table_name", "schema", "postgresql_concurrently", "if_exists"}, "op.drop_index")
    return call("drop_index", cpp_string(literal(args[0])),
                options([("schema", opt_string(kwargs, "schema")),
                         ("concurrently", opt_bool(kwargs, "postgresql_concurrently")),
                         ("if_exists", opt_bool(kwargs, "if_exists"))]))


def op_create_foreign_key(node):
    keys = ("ondelete", "onupdate", "deferrable", "initially", "match", "source_schema", "referent_schema")
    args, kwargs = _call_args(node, set(keys), "op.create_foreign_key")
    pairs = []
    for k in keys:
        pairs.append((k, opt_bool(kwargs, k) if k == "deferrable" else opt_string(kwargs, k)))
    return call("create_foreign_key", cpp_string(literal(args[0])), cpp_string(literal(args[1])),
                cpp_string(literal(args[2])), cpp_strings(string_list(args[3])), cpp_strings(string_list(args[4])),
                options(pairs))


def op_drop_constraint(node):
    args, kwargs = _call_args(node, {"type_", "schema"}, "op.drop_constraint")
    return call("drop_constraint", cpp_string(literal(args[0])), cpp_string(literal(args[1])),
                options([("schema", opt_string(kwargs, "schema"))]))


def op_execute(node):
    args, _ = _call_args(node, set(), "op.execute")
    sql = args[0]
    if isinstance(sql, ast.Call) and short_name(sql.func) == "text":
        sql = sql.args[0]
    value = literal(sql)
    if not isinstance(value, str):
        raise Untranslatable(f"{_where(node)}: op.execute of a SQLAlchemy construct is not translated")
    return call("execute", cpp_string(value))


def op_rename_table(node):
    args, kwargs = _call_args(node, {"schema"}, "op.rename_table")
    return call("rename_table", cpp_string(literal(args[0])), cpp_string(literal(args[1])),
                options([("schema", opt_string(kwargs, "schema"))]))


def op_create_table_comment(node):
    args, kwargs = _call_args(node, {"schema", "existing_comment"}, "op.create_table_comment")
    return call("create_table_comment", cpp_string(literal(args[0])), cpp_string(literal(args[1])),
                options([("schema", opt_string(kwargs, "schema"))]))


def op_drop_table_comment(node):
    args, kwargs = _call_args(node, {"schema", "existing_comment"}, "op.drop_table_comment")
    return call("drop_table_comment", cpp_string(literal(args[0])), options([("schema", opt_string(kwargs, "schema"))]))


def _is_none(node):
    return isinstance(node, ast.Constant) and node.value is None


def op_alter_column(node):
    # existing_* arguments only describe the column for other databases; PostgreSQL needs none.
    args, kwargs = _call_args(node, {"schema", "new_column_name", "type_", "nullable", "server_default", "comment",
                                     "postgresql_using", "existing_type", "existing_nullable",
                                     "existing_server_default", "existing_comment", "autoincrement"},
                              "op.alter_column")
    if "autoincrement" in kwargs:
        raise Untranslatable(f"{_where(node)}: alter_column(autoincrement=...) has no PostgreSQL meaning here")
    pairs = [("schema", opt_string(kwargs, "schema")), ("new_column_name", opt_string(kwargs, "new_column_name"))]
    if "type_" in kwargs:
        pairs.append(("type", translate_type(kwargs["type_"])))
    if "postgresql_using" in kwargs:
        pairs.append(("using_expression", cpp_string(literal(kwargs["postgresql_using"]))))
    if "nullable" in kwargs and not _is_none(kwargs["nullable"]):
        pairs.append(("nullable", cpp_bool(literal(kwargs["nullable"]))))
    if "server_default" in kwargs:
        value = kwargs["server_default"]
        if isinstance(value, ast.Constant) and value.value is False:
            pass
        elif _is_none(value):
            pairs.append(("server_default", "drop_default()"))
        else:
            pairs.append(("server_default", server_default(value)))
    if "comment" in kwargs:
        value = kwargs["comment"]
        if _is_none(value):
            pairs.append(("drop_comment", "true"))
        elif not (isinstance(value, ast.Constant) and value.value is False):
            pairs.append(("comment", cpp_string(literal(value))))
    order = ["schema", "new_column_name", "type", "using_expression", "nullable", "server_default", "comment",
             "drop_comment"]
    pairs.sort(key=lambda p: order.index(p[0]))
    opts = options(pairs)
    if opts is None:
        raise Untranslatable(f"{_where(node)}: alter_column that changes nothing")
    return call("alter_column", cpp_string(literal(args[0])), cpp_string(literal(args[1])), opts)


def op_create_primary_key(node):
    args, kwargs = _call_args(node, {"schema"}, "op.create_primary_key")
    return call("create_primary_key", cpp_string(literal(args[0])), cpp_string(literal(args[1])),
                cpp_strings(string_list(args[2])), options([("schema", opt_string(kwargs, "schema"))]))


def op_create_unique_constraint(node):
    args, kwargs = _call_args(node, {"schema", "deferrable", "initially"}, "op.create_unique_constraint")
    return call("create_unique_constraint", cpp_string(literal(args[0])), cpp_string(literal(args[1])),
                cpp_strings(string_list(args[2])),
                options([("schema", opt_string(kwargs, "schema")), ("deferrable", opt_bool(kwargs, "deferrable")),
                         ("initially", opt_string(kwargs, "initially"))]))


def op_create_check_constraint(node):
    args, kwargs = _call_args(node, {"schema", "postgresql_not_valid"}, "op.create_check_constraint")
    condition = args[2]
    if isinstance(condition, ast.Call) and short_name(condition.func) == "text":
        condition = condition.args[0]
    return call("create_check_constraint", cpp_string(literal(args[0])), cpp_string(literal(args[1])),
                cpp_string(literal(condition)),
                options([("schema", opt_string(kwargs, "schema")),
                         ("not_valid", opt_bool(kwargs, "postgresql_not_valid"))]))


def op_create_exclude_constraint(node):
    args, kwargs = _call_args(node, {"schema", "using", "where", "deferrable", "initially"},
                              "op.create_exclude_constraint")
    elements = []
    for element in args[2:]:
        pair = literal(element)
        if not (isinstance(pair, tuple) and len(pair) == 2):
            raise Untranslatable(f"{_where(node)}: exclusion elements must be (column, operator) pairs")
        elements.append("{" + cpp_string(pair[0]) + ", " + cpp_string(pair[1]) + "}")
    where = kwargs.get("where")
    if where is not None and isinstance(where, ast.Call) and short_name(where.func) == "text":
        where = where.args[0]
    return call("create_exclude_constraint", cpp_string(literal(args[0])), cpp_string(literal(args[1])),
                "{" + ", ".join(elements) + "}",
                options([("schema", opt_string(kwargs, "schema")), ("using_method", opt_string(kwargs, "using")),
                         ("where", cpp_string(literal(where)) if where is not None else None),
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


def _is_autocommit_block(item):
    expr = item.context_expr
    return (isinstance(expr, ast.Call) and isinstance(expr.func, ast.Attribute) and expr.func.attr == "autocommit_block"
            and isinstance(expr.func.value, ast.Call) and dotted(expr.func.value.func) == "op.get_context"
            and item.optional_vars is None)


def translate_body(statements):
    """C++ lines for a function body; raises Untranslatable."""
    lines = []
    for st in statements:
        if isinstance(st, ast.With) and len(st.items) == 1 and _is_autocommit_block(st.items[0]):
            # Alembic's `with op.get_context().autocommit_block():` is Retort's autocommit scope.
            inner = translate_body(st.body)
            lines.append("{\n        auto block = op.autocommit_block();\n" +
                         "".join(f"        {l}\n" for l in inner) + "    }")
            continue
        if isinstance(st, ast.Pass):
            continue
        if isinstance(st, ast.Expr) and isinstance(st.value, ast.Constant) and isinstance(st.value.value, str):
            continue  # a docstring
        if not (isinstance(st, ast.Expr) and isinstance(st.value, ast.Call)):
            raise Untranslatable(f"{_where(st)}: Python logic (a statement of type {type(st).__name__})")
        func = st.value.func
        name = dotted(func)
        if not name or not name.startswith("op.") or name.count(".") != 1:
            raise Untranslatable(f"{_where(st)}: call to '{ast.unparse(func)}', not an op.* operation")
        handler = OPERATIONS.get(func.attr)
        if handler is None:
            raise Untranslatable(f"{_where(st)}: op.{func.attr}, which the importer does not translate yet")
        lines.append(handler(st.value))
    return lines
