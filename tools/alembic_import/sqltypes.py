"""SQLAlchemy types and server defaults -> Retort type and default expressions."""
import ast

from .cpp import cpp_bool, cpp_string, cpp_strings
from .pyexpr import Untranslatable, dotted, is_none, literal, short_name, where

_SIMPLE_TYPES = {
    "Integer": "Integer()", "INTEGER": "Integer()", "BigInteger": "BigInteger()", "BIGINT": "BigInteger()",
    "SmallInteger": "SmallInteger()", "SMALLINT": "SmallInteger()", "Text": "Text()", "TEXT": "Text()",
    "UnicodeText": "Text()", "Boolean": "Boolean()", "BOOLEAN": "Boolean()", "Date": "Date()", "DATE": "Date()",
    "Interval": "Interval()", "INTERVAL": "Interval()", "LargeBinary": "LargeBinary()", "BYTEA": "LargeBinary()",
    "JSON": "JSON()", "JSONB": "JSONB()", "UUID": "UUID()", "Uuid": "UUID()",
}

# PostgreSQL types SQLAlchemy renders by their own name.
_RAW_TYPES = {"TSRANGE", "TSTZRANGE", "INT4RANGE", "INT8RANGE", "NUMRANGE", "DATERANGE", "INET", "CIDR",
              "MACADDR", "MONEY", "TSVECTOR", "OID", "REGCLASS", "BIT", "CITEXT"}

# SQL functions SQLAlchemy renders without parentheses (the ANSI ones).
_ANSI_FUNCTIONS = {"current_date", "current_time", "current_timestamp", "current_user", "localtime",
                   "localtimestamp", "session_user", "user"}


class TypeScope:
    """What a type name can mean besides SQLAlchemy's own: TypeDecorators the project defines
    (name -> impl node) and variables of the function body that hold a type (name -> node)."""

    def __init__(self, decorators=None):
        self.decorators = dict(decorators or {})
        self.variables = {}


def enum_type(call):
    """sa.Enum("a", "b", name="mood") / postgresql.ENUM(..., create_type=False): (name, values, creates)."""
    kwargs = {kw.arg: kw.value for kw in call.keywords}
    for key in kwargs:
        if key not in ("name", "create_type", "schema", "native_enum", "inherit_schema", "metadata"):
            raise Untranslatable(f"{where(call)}: Enum({key}=...) is not translated")
    if "native_enum" in kwargs and literal(kwargs["native_enum"]) is not True:
        raise Untranslatable(f"{where(call)}: a non-native Enum is not translated")
    if "name" not in kwargs or not isinstance(literal(kwargs["name"]), str):
        raise Untranslatable(f"{where(call)}: an Enum without a literal name= is not translated")
    values = [literal(a) for a in call.args]
    if len(values) == 1 and isinstance(values[0], (list, tuple)):
        values = list(values[0])
    if not all(isinstance(v, str) for v in values):
        raise Untranslatable(f"{where(call)}: Enum values must be literal strings")
    name = literal(kwargs["name"])
    schema = literal(kwargs["schema"]) if "schema" in kwargs else None
    creates = literal(kwargs["create_type"]) if "create_type" in kwargs else True
    return (f"{schema}.{name}" if schema else name), values, creates


def _resolve(node, scope):
    """A variable or a TypeDecorator replaced by the type it stands for."""
    if scope is None:
        return node
    if isinstance(node, ast.Name) and node.id in scope.variables:
        return scope.variables[node.id]
    call = node if isinstance(node, ast.Call) else None
    name = dotted(call.func if call else node)
    short = name.rsplit(".", 1)[-1] if name else None
    if short in scope.decorators:
        impl = scope.decorators[short]
        if call is not None and not isinstance(impl, ast.Call):
            # TypeDecorator.__init__ hands its arguments to impl: MyString(50) is String(50).
            return ast.Call(func=impl, args=call.args, keywords=call.keywords, lineno=call.lineno)
        return impl
    return node


def translate_type(node, scope=None):
    """A SQLAlchemy type (class or instance) -> a Retort type expression."""
    node = _resolve(node, scope)
    call = node if isinstance(node, ast.Call) else None
    name = short_name(call.func if call else node)
    if name is None:
        raise Untranslatable(f"{where(node)}: '{ast.unparse(node)}' is not a SQLAlchemy type")
    args = call.args if call else []
    kwargs = {kw.arg: kw.value for kw in call.keywords} if call else {}

    def only(*allowed):
        extra = [k for k in kwargs if k not in allowed]
        if extra:
            raise Untranslatable(f"{where(node)}: {name}({extra[0]}=...) has no Retort equivalent")

    def arg(index, key, default=None):
        if len(args) > index:
            return literal(args[index])
        return literal(kwargs[key]) if key in kwargs else default

    if name in ("String", "VARCHAR", "Unicode"):
        only("length", "collation")
        if "collation" in kwargs:
            raise Untranslatable(f"{where(node)}: {name}(collation=...) has no Retort equivalent")
        length = arg(0, "length")
        return f"String({length})" if length is not None else "String()"
    if name in ("CHAR", "NCHAR"):
        only("length")
        length = arg(0, "length")
        return f"CHAR({length})" if length is not None else "CHAR()"
    if name in ("Numeric", "NUMERIC", "DECIMAL"):
        only("precision", "scale", "asdecimal")
        p, s = arg(0, "precision"), arg(1, "scale")
        if p is None:
            return "Numeric()"
        return f"Numeric({p}, {s})" if s is not None else f"Numeric({p})"
    if name in ("Float", "FLOAT"):
        only("precision", "asdecimal")
        p = arg(0, "precision")
        return f"Float({p})" if p is not None else "Float()"
    if name == "REAL":
        only("precision", "asdecimal")
        return "raw_type(\"REAL\")"
    if name in ("DOUBLE_PRECISION", "Double", "DOUBLE"):
        # SQLAlchemy renders DOUBLE PRECISION whatever the precision argument says.
        only("precision", "asdecimal", "decimal_return_scale")
        return "Double()"
    if name in ("DateTime", "TIMESTAMP"):
        only("timezone", "precision")
        if "precision" in kwargs:
            raise Untranslatable(f"{where(node)}: {name}(precision=...) is not translated")
        tz = arg(0, "timezone", False)
        return f"DateTime({cpp_bool(tz)})" if tz else "DateTime()"
    if name in ("Time", "TIME"):
        only("timezone")
        tz = arg(0, "timezone", False)
        return f"Time({cpp_bool(tz)})" if tz else "Time()"
    if name == "ARRAY":
        only("dimensions", "as_tuple", "zero_indexes")
        if not args:
            raise Untranslatable(f"{where(node)}: ARRAY without an item type")
        dims = literal(kwargs["dimensions"]) if "dimensions" in kwargs else None
        inner = translate_type(args[0], scope)
        return f"ARRAY({inner}, {dims})" if dims else f"ARRAY({inner})"
    if name in ("UUID", "Uuid"):
        only("as_uuid")
        return "UUID()"
    if name in ("Enum", "ENUM"):
        if call is None:
            raise Untranslatable(f"{where(node)}: Enum without values or a name")
        type_name, values, creates = enum_type(call)
        return f"Enum({cpp_string(type_name)}, {cpp_strings(values if creates else [])})"
    if name in _RAW_TYPES:
        only()
        return f"raw_type({cpp_string(name)})"
    if name in _SIMPLE_TYPES:
        only("none_as_null", "astext_type", "length")
        return _SIMPLE_TYPES[name]
    raise Untranslatable(f"{where(node)}: type '{ast.unparse(node)}' is not translated")


def _sql_function(node):
    """sa.func.now() -> now(); sa.func.current_timestamp() -> CURRENT_TIMESTAMP; literal arguments."""
    name = dotted(node.func) or ""
    parts = name.split(".")
    if "func" not in parts[:-1] or node.keywords:
        return None
    function = parts[-1]
    if function.lower() in _ANSI_FUNCTIONS and not node.args:
        return function.upper()
    rendered = []
    for a in node.args:
        value = literal(a)
        if isinstance(value, str):
            rendered.append("'" + value.replace("'", "''") + "'")
        elif isinstance(value, bool) or value is None:
            raise Untranslatable(f"{where(node)}: sa.func argument '{ast.unparse(a)}' is not translated")
        else:
            rendered.append(str(value))
    return f"{function}({', '.join(rendered)})"


def server_default(node):
    """server_default="x" -> "x" (a quoted literal); sa.text("now()") and sa.func.now() -> sql("now()")."""
    if isinstance(node, ast.Call) and short_name(node.func) in ("text", "literal_column"):
        return f"sql({cpp_string(literal(node.args[0]))})"
    if isinstance(node, ast.Call) and short_name(node.func) in ("false", "true") and not node.args:
        return f"sql({cpp_string(short_name(node.func))})"
    if isinstance(node, ast.Call):
        function = _sql_function(node)
        if function is not None:
            return f"sql({cpp_string(function)})"
    if is_none(node):
        raise Untranslatable(f"{where(node)}: server_default=None")
    value = literal(node)
    if not isinstance(value, str):
        raise Untranslatable(f"{where(node)}: server_default must be a string, sa.text(...) or sa.func.*()")
    return cpp_string(value)
