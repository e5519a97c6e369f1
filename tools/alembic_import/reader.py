"""Reads Alembic revision files without running them: the graph facts and the function bodies."""
import ast
import os
import re
from dataclasses import dataclass, field


@dataclass
class AlembicRevision:
    path: str
    revision: str
    down_revisions: list
    branch_labels: list
    depends_on: list
    message: str
    created: str
    upgrade: list = field(default_factory=list)    # ast statements of upgrade()
    downgrade: list = field(default_factory=list)  # ast statements of downgrade()
    source: str = ""
    function_source: dict = field(default_factory=dict)  # "upgrade"/"downgrade" -> its Python text


class ImportError_(Exception):
    """A file that is not a readable Alembic revision."""


def _as_list(value):
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value]
    return [str(value)]


def _literal(node, path, name):
    try:
        return ast.literal_eval(node)
    except ValueError as exc:
        raise ImportError_(f"{path}: '{name}' is not a literal ({exc})") from None


def read_revision(path):
    with open(path, encoding="utf-8") as f:
        source = f.read()
    try:
        tree = ast.parse(source, filename=path)
    except SyntaxError as exc:
        raise ImportError_(f"{path}:{exc.lineno}: Python syntax error: {exc.msg}") from None
    facts = {}
    functions = {}
    for node in tree.body:
        if isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for t in targets:
                if isinstance(t, ast.Name) and t.id in ("revision", "down_revision", "branch_labels", "depends_on"):
                    facts[t.id] = _literal(node.value, path, t.id)
        elif isinstance(node, ast.FunctionDef) and node.name in ("upgrade", "downgrade"):
            functions[node.name] = node
    if "revision" not in facts:
        raise ImportError_(f"{path}: no 'revision = ...' assignment; is this an Alembic revision?")
    doc = ast.get_docstring(tree) or ""
    message = doc.splitlines()[0].strip() if doc.strip() else ""
    created = ""
    match = re.search(r"^Create Date:\s*(.+)$", doc, re.MULTILINE)
    if match:
        created = match.group(1).strip().split(".")[0]
    return AlembicRevision(
        path=path,
        revision=str(facts["revision"]),
        down_revisions=_as_list(facts.get("down_revision")),
        branch_labels=_as_list(facts.get("branch_labels")),
        depends_on=_as_list(facts.get("depends_on")),
        message=message,
        created=created,
        upgrade=functions["upgrade"].body if "upgrade" in functions else [],
        downgrade=functions["downgrade"].body if "downgrade" in functions else [],
        source=source,
        function_source={name: ast.get_source_segment(source, node) or "" for name, node in functions.items()},
    )


def read_versions(directory):
    revisions = []
    for name in sorted(os.listdir(directory)):
        if name.endswith(".py") and not name.startswith("__"):
            revisions.append(read_revision(os.path.join(directory, name)))
    if not revisions:
        raise ImportError_(f"{directory}: no Alembic revision files (*.py) found")
    return revisions
