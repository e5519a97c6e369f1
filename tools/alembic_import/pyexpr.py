"""Reading the Python of a revision: dotted names, literals, and the two ways a call can fail."""
import ast


class Untranslatable(Exception):
    """Why a body cannot be translated faithfully; the message names the line."""


class Malformed(Exception):
    """A call Alembic itself would reject (a missing argument); the message names the line."""


class PluginOperation(Untranslatable):
    """An op.* that is not Alembic's own: its SQL may depend on the live catalog."""

    def __init__(self, message, name):
        super().__init__(message)
        self.name = name


def where(node):
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


def is_none(node):
    return isinstance(node, ast.Constant) and node.value is None


def literal(node):
    """A Python literal, or op.f("name") (Alembic's 'name is final' marker)."""
    if isinstance(node, ast.Call) and dotted(node.func) == "op.f":
        if len(node.args) == 1 and not node.keywords:
            return literal(node.args[0])
    try:
        return ast.literal_eval(node)
    except ValueError:
        raise Untranslatable(f"{where(node)}: '{ast.unparse(node)}' is not a literal") from None


def text_of(node):
    """A literal string, or the string inside sa.text("...")."""
    if isinstance(node, ast.Call) and short_name(node.func) == "text" and len(node.args) == 1:
        node = node.args[0]
    return literal(node)


def string_list(node):
    """A list of names; sa.text("expr") items stay expressions (create_index)."""
    if isinstance(node, (ast.List, ast.Tuple)):
        items = [text_of(item) for item in node.elts]
        if all(isinstance(i, str) for i in items):
            return items
    value = literal(node)
    if isinstance(value, str):
        return [value]
    if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
        raise Untranslatable(f"{where(node)}: expected a list of names, got '{ast.unparse(node)}'")
    return list(value)


def bind_arguments(node, name, positional, required, rest=None):
    """Alembic's signature applied to a call: {parameter: node}, plus the leftover keywords.

    `positional` lists the parameters in order, `required` how many of them the call must give;
    `rest` names the *args parameter (create_table's columns), which collects what is left.
    A missing required argument is Malformed: Alembic would raise a TypeError on it.
    """
    bound, extra = {}, {}
    for a in node.args:
        if isinstance(a, ast.Starred):
            raise Untranslatable(f"{where(node)}: *args in {name}()")
    args = list(node.args)
    if rest is not None:
        bound[rest] = args[len(positional):]
        args = args[:len(positional)]
    elif len(args) > len(positional):
        raise Malformed(f"{where(node)}: {name}() takes {len(positional)} positional arguments, "
                        f"the call gives {len(args)}")
    for param, value in zip(positional, args):
        bound[param] = value
    for kw in node.keywords:
        if kw.arg is None:
            raise Untranslatable(f"{where(node)}: **kwargs in {name}()")
        if kw.arg in bound:
            raise Malformed(f"{where(node)}: {name}() gets '{kw.arg}' twice")
        if kw.arg in positional:
            bound[kw.arg] = kw.value
        else:
            extra[kw.arg] = kw.value
    missing = [p for p in positional[:required] if p not in bound]
    if missing:
        raise Malformed(f"{where(node)}: {name}() is missing {' and '.join(missing)}")
    return bound, extra


def check_keywords(node, name, extra, allowed):
    for key in extra:
        if key not in allowed:
            raise Untranslatable(f"{where(node)}: {name}() argument '{key}' has no Retort equivalent here")
