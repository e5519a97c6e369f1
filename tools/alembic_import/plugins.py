"""Modules that register plugin operations (Operations.register_operation) before revisions run:
the ones the project's env.py imports, as running env.py would, and any given with --plugin."""
import ast
import importlib
import os
import sys

_SKIP = {"alembic", "sqlalchemy", "logging", "os", "sys", "__future__", "typing", "logging.config"}


def read(path):
    try:
        with open(path, encoding="utf-8") as f:
            return f.read()
    except OSError:
        return ""


def modules(env_source, extra):
    found = []
    try:
        tree = ast.parse(env_source) if env_source else None
    except SyntaxError:
        tree = None
    for node in (tree.body if tree else []):
        names = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names = [node.module]
        found.extend(n for n in names if n.split(".")[0] not in _SKIP and n not in _SKIP)
    return found + list(extra)


_loaded = set()


def load(names, sys_paths):
    """Imports each module once; one that does not import is skipped, as it may need the app."""
    for p in reversed(sys_paths):
        p = os.path.abspath(p)
        if p not in sys.path:
            sys.path.insert(0, p)
    for name in names:
        if name in _loaded:
            continue
        _loaded.add(name)
        try:
            importlib.import_module(name)
        except Exception:  # the user's module; a failure here only matters if a revision needs it
            continue
