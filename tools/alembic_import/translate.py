"""Translates the body of an Alembic upgrade()/downgrade() into Retort DSL calls.

Only what can be translated faithfully is: op.* calls with literal arguments, SQLAlchemy types
and constructs Retort knows, and the idioms with a fixed meaning (`raise` as the whole body,
`op.get_bind().commit()` before an autocommit block, Enum(...).create(op.get_bind()), the enum
plugin's sync_enum_values). Anything else makes the body untranslatable; the importer then
captures the SQL Alembic runs for it.
"""
import ast

from . import enum_sync
from .cpp import call, cpp_string, cpp_strings, options
from .operations import ALEMBIC_OPERATIONS, OPERATIONS, Context, translate_column, translate_constraint
from .pyexpr import (Malformed, PluginOperation, Untranslatable, bind_arguments, check_keywords, dotted, literal,
                     short_name, where)
from .sqltypes import TypeScope, enum_type, translate_type  # noqa: F401 (re-exported for the tests)

__all__ = ["translate_body", "translate_type", "Untranslatable", "Malformed", "PluginOperation", "Context",
           "irreversible_message", "translate_column", "translate_constraint", "cpp_string", "cpp_strings"]

_TYPE_NAMES = {"Enum", "ENUM"}


def _meaningful(statements):
    """The statements without docstrings and `pass`."""
    return [st for st in statements if not isinstance(st, ast.Pass)
            and not (isinstance(st, ast.Expr) and isinstance(st.value, ast.Constant) and isinstance(st.value.value, str))]


def irreversible_message(statements):
    """The message of a body that is only `raise SomeError("...")` (the irreversible idiom), or None."""
    body = _meaningful(statements)
    if len(body) != 1 or not isinstance(body[0], ast.Raise):
        return None
    exc = body[0].exc
    if exc is None:
        return "this revision cannot be reverted"
    if isinstance(exc, ast.Call) and exc.args:
        try:
            value = literal(exc.args[0])
            if isinstance(value, str):
                return value
        except Untranslatable:
            pass
        return ast.unparse(exc.args[0])
    return f"{ast.unparse(exc.func if isinstance(exc, ast.Call) else exc)} raised: this revision cannot be reverted"


def _is_autocommit_block(st):
    if not (isinstance(st, ast.With) and len(st.items) == 1):
        return False
    item = st.items[0]
    expr = item.context_expr
    return (isinstance(expr, ast.Call) and isinstance(expr.func, ast.Attribute) and expr.func.attr == "autocommit_block"
            and isinstance(expr.func.value, ast.Call) and dotted(expr.func.value.func) == "op.get_context"
            and item.optional_vars is None)


class _Body:
    def __init__(self, ctx):
        self.ctx = ctx
        self.binds = set()   # local names bound to op.get_bind()

    def is_bind(self, node):
        return (isinstance(node, ast.Call) and dotted(node.func) == "op.get_bind" and not node.args) or \
               (isinstance(node, ast.Name) and node.id in self.binds)

    def is_commit(self, st):
        return (isinstance(st, ast.Expr) and isinstance(st.value, ast.Call) and isinstance(st.value.func, ast.Attribute)
                and st.value.func.attr == "commit" and not st.value.args and self.is_bind(st.value.func.value))

    def type_node(self, node):
        """An Enum(...) call, or a variable holding one."""
        if isinstance(node, ast.Name) and node.id in self.ctx.scope.variables:
            return self.ctx.scope.variables[node.id]
        if isinstance(node, ast.Call) and short_name(node.func) in _TYPE_NAMES:
            return node
        return None

    def create_or_drop_type(self, st):
        """Enum(...).create(op.get_bind()) / .drop(...): create_enum / drop_enum."""
        node = st.value
        method = node.func.attr
        enum = self.type_node(node.func.value)
        if enum is None:
            raise Untranslatable(f"{where(st)}: call to '{ast.unparse(node.func)}', not an op.* operation")
        args, kwargs = bind_arguments(node, f"{ast.unparse(node.func)}", ["bind", "checkfirst"], 1)
        check_keywords(node, method, kwargs, set())
        if not self.is_bind(args["bind"]):
            raise Untranslatable(f"{where(st)}: {method}() on something other than op.get_bind()")
        checkfirst = literal(args["checkfirst"]) if "checkfirst" in args else False
        name, values, _ = enum_type(enum)
        schema, _, bare = name.rpartition(".")
        if method == "create":
            if checkfirst:
                raise Untranslatable(f"{where(st)}: create(checkfirst=True) has no Retort equivalent")
            return call("create_enum", cpp_string(bare), cpp_strings(values),
                        options([("schema", cpp_string(schema) if schema else None)]))
        return call("drop_enum", cpp_string(bare), options([("schema", cpp_string(schema) if schema else None),
                                                            ("if_exists", "true" if checkfirst else None)]))

    def statement(self, st, following):
        if _is_autocommit_block(st):
            # Alembic's `with op.get_context().autocommit_block():` is Retort's autocommit scope.
            inner = self.lines(st.body)
            return ["{\n        auto block = op.autocommit_block();\n" +
                    "".join(f"        {l}\n" for l in inner) + "    }"]
        if self.is_commit(st):
            # Committing before an autocommit block is what the block does anyway in Retort.
            if following is not None and _is_autocommit_block(following):
                return []
            raise Untranslatable(f"{where(st)}: a commit() that is not followed by an autocommit block")
        if isinstance(st, ast.Assign) and len(st.targets) == 1 and isinstance(st.targets[0], ast.Name):
            name = st.targets[0].id
            if self.is_bind(st.value):
                self.binds.add(name)
                return []
            if isinstance(st.value, ast.Call) and short_name(st.value.func) in _TYPE_NAMES | {"TypeDecorator"} \
                    or (isinstance(st.value, ast.Call) and self._is_type(st.value)):
                self.ctx.scope.variables[name] = st.value
                return []
        if not (isinstance(st, ast.Expr) and isinstance(st.value, ast.Call)):
            raise Untranslatable(f"{where(st)}: Python logic (a statement of type {type(st).__name__})")
        func = st.value.func
        if isinstance(func, ast.Attribute) and func.attr in ("create", "drop") and dotted(func) != "op.create":
            return [self.create_or_drop_type(st)]
        name = dotted(func)
        if not name or not name.startswith("op.") or name.count(".") != 1:
            raise Untranslatable(f"{where(st)}: call to '{ast.unparse(func)}', not an op.* operation")
        if func.attr == "sync_enum_values":
            return enum_sync.translate_sync(st.value)
        handler = OPERATIONS.get(func.attr)
        if handler is None:
            if func.attr not in ALEMBIC_OPERATIONS:
                raise PluginOperation(f"{where(st)}: op.{func.attr} is a plugin operation", f"op.{func.attr}")
            raise Untranslatable(f"{where(st)}: op.{func.attr}, which the importer does not translate yet")
        return [handler(st.value, self.ctx)]

    def _is_type(self, node):
        try:
            translate_type(node, self.ctx.scope)
            return True
        except Untranslatable:
            return False

    def lines(self, statements):
        out = []
        body = [st for st in statements if not isinstance(st, ast.Pass)
                and not (isinstance(st, ast.Expr) and isinstance(st.value, ast.Constant)
                         and isinstance(st.value.value, str))]
        for i, st in enumerate(body):
            out.extend(self.statement(st, body[i + 1] if i + 1 < len(body) else None))
        return out


def translate_body(statements, ctx=None):
    """C++ lines for a function body; raises Untranslatable (or its PluginOperation) or Malformed."""
    ctx = ctx or Context()
    message = irreversible_message(statements)
    if message is not None:
        return [call("irreversible", cpp_string(message))]
    try:
        return _Body(ctx).lines(statements)
    except (IndexError, KeyError) as exc:  # a shape no rule above expected: never a traceback
        raise Untranslatable(f"{where(statements[0]) if statements else 'line ?'}: unexpected code ({exc!r})") \
            from None

