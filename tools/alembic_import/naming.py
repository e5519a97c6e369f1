"""Names of constraints a revision leaves unnamed (None).

On create, Retort leaves the name out as Alembic does, so PostgreSQL (or, when the project's
env.py sets one, the naming convention) picks it. A drop needs the name itself: the naming
convention gives it when its template needs only the table, else the unnamed constraint the other
direction of the same revision creates on that table gives it (PostgreSQL's default name).
"""
import ast
import re

MAX_IDENTIFIER = 63  # PostgreSQL's NAMEDATALEN - 1

# Alembic's type_ of drop_constraint -> the naming-convention key and PostgreSQL's label.
KINDS = {"primary": ("pk", "pkey"), "unique": ("uq", "key"), "foreignkey": ("fk", "fkey"),
         "check": ("ck", "check")}


def _truncate(name1, name2, label):
    """PostgreSQL's makeObjectName: shortens the longer part until name1_name2_label fits."""
    overhead = len(label) + 1 + (1 if name2 else 0)
    avail = MAX_IDENTIFIER - overhead
    n1, n2 = len(name1.encode()), len(name2.encode()) if name2 else 0
    while n1 + n2 > avail:
        if n1 > n2:
            n1 -= 1
        else:
            n2 -= 1
    a = name1.encode()[:n1].decode(errors="ignore")
    b = name2.encode()[:n2].decode(errors="ignore") if name2 else ""
    return f"{a}_{b}_{label}" if b else f"{a}_{label}"


def postgres_default(kind, table, columns, check_columns=None):
    """The name PostgreSQL gives an unnamed constraint (before de-duplication)."""
    table = table.rsplit(".", 1)[-1]
    label = KINDS[kind][1]
    if kind == "primary":
        return _truncate(table, "", label)
    if kind == "check":
        return _truncate(table, check_columns[0] if check_columns and len(check_columns) == 1 else "", label)
    return _truncate(table, "_".join(columns[:1] if kind == "foreignkey" else columns), label)


def convention_name(convention, kind, table, columns, referred_table=None):
    """The name a SQLAlchemy naming convention gives, or None when it needs what is not known."""
    template = convention.get(KINDS[kind][0]) if convention else None
    if not template:
        return None
    table = table.rsplit(".", 1)[-1]
    tokens = {"table_name": table}
    if columns:
        tokens.update({"column_0_name": columns[0], "column_0_label": f"{table}_{columns[0]}",
                       "column_0_key": columns[0], "column_0N_name": "".join(columns),
                       "column_0_N_name": "_".join(columns)})
    if referred_table:
        tokens["referred_table_name"] = referred_table
    needed = re.findall(r"%\((\w+)\)s", template)
    if any(t not in tokens for t in needed):
        return None
    return template % tokens


def read_convention(env_source):
    """naming_convention={...} (a dict literal, or a module-level name bound to one) in env.py."""
    try:
        tree = ast.parse(env_source)
    except SyntaxError:
        return {}
    assigned = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            assigned[node.targets[0].id] = node.value
    for node in ast.walk(tree):
        if isinstance(node, ast.keyword) and node.arg == "naming_convention":
            value = assigned.get(node.value.id) if isinstance(node.value, ast.Name) else node.value
            try:
                convention = ast.literal_eval(value) if value is not None else None
            except ValueError:
                continue
            if isinstance(convention, dict):
                return {k: v for k, v in convention.items() if isinstance(k, str) and isinstance(v, str)}
    return {}
