"""Does a function body read rows to decide what to write?

Such a revision cannot be rendered offline, nor captured from a scratch database (whose tables
are empty): it must be ported by hand. Detected from the source: a result of an execute() that
is fetched, iterated or kept in a variable that is; or an ORM Session.
"""
import ast

from .pyexpr import dotted

_FETCHES = {"fetchall", "fetchone", "fetchmany", "scalar", "scalars", "scalar_one", "scalar_one_or_none", "first",
            "one", "one_or_none", "all", "mappings", "keys", "partitions", "columns", "tuples"}


def _is_execute(node):
    """A call of .execute()/.exec_driver_sql() on anything but op (op.execute returns nothing)."""
    return (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            and node.func.attr in ("execute", "exec_driver_sql", "scalar", "scalars")
            and dotted(node.func.value) != "op")


def reads_data(statements):
    """(line, code) of the first place the body reads rows, or None."""
    module = ast.Module(body=list(statements), type_ignores=[])
    results = set()
    for node in ast.walk(module):
        if isinstance(node, ast.Assign) and _is_execute(node.value):
            results.update(t.id for t in node.targets if isinstance(t, ast.Name))

    def is_result(node):
        return _is_execute(node) or (isinstance(node, ast.Name) and node.id in results)

    for node in ast.walk(module):
        found = None
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in _FETCHES \
                and is_result(node.func.value):
            found = node
        elif isinstance(node, (ast.For, ast.comprehension)) and is_result(node.iter):
            found = node.iter
        elif isinstance(node, ast.Subscript) and is_result(node.value):
            found = node
        elif isinstance(node, ast.Call) and (dotted(node.func) or "").rsplit(".", 1)[-1] in ("Session", "sessionmaker"):
            found = node
        elif isinstance(node, ast.Call) and _is_execute(node) and dotted(node.func.value) not in (None,) \
                and node.func.attr in ("scalar", "scalars"):
            found = node
        if found is not None:
            return found.lineno, ast.unparse(found)[:80]
    return None
