"""Writes Retort revision files: the header block Retort's build reads, and the bodies."""
import os
import re

from .translate import cpp_string

SQL_BEGIN = "// ---- BEGIN SQL IMPORTED FROM ALEMBIC (review before relying on it) ----"
SQL_END = "// ---- END SQL IMPORTED FROM ALEMBIC ----"


def symbol_for(revision_id):
    return revision_id.replace("-", "_0_")


def file_name(rev):
    slug = "_".join(w.lower() for w in re.findall(r"\w+", rev.message))
    if len(slug) > 40:
        slug = slug[:40].rsplit("_", 1)[0] + "_"
    return f"{rev.revision}_{slug}.cpp" if slug else f"{rev.revision}.cpp"


def sql_body(statements, reason):
    lines = [f"    // Not translated: {reason}.",
             "    // Below is the SQL Alembic's offline mode rendered for this revision.",
             f"    {SQL_BEGIN}"]
    in_block = False
    for sql, autocommit in statements:
        if autocommit and not in_block:
            lines.append("    {")
            lines.append("        auto block = op.autocommit_block();  // Alembic ran these outside a transaction")
        elif not autocommit and in_block:
            lines.append("    }")
        in_block = autocommit
        indent = "        " if autocommit else "    "
        lines.append(f"{indent}op.execute(R\"retort_sql({sql})retort_sql\");")
    if in_block:
        lines.append("    }")
    lines.append(f"    {SQL_END}")
    return lines


def revision_source(rev, upgrade_lines, downgrade_lines):
    def comma(items):
        return (" " + ", ".join(items)) if items else ""

    message = rev.message.replace("\n", " ")
    head = [
        f"// {message}",
        "//",
        f"// Imported from Alembic: {rev.path.rsplit('/', 1)[-1]}",
        f"// revision: {rev.revision}",
        f"// parents:{comma(rev.down_revisions)}",
        f"// branch_labels:{comma(rev.branch_labels)}",
        f"// depends_on:{comma(rev.depends_on)}",
        f"// created: {rev.created}",
        f"// message: {message}",
        "#include <retort/migration.hpp>",
        "",
        "using namespace retort;",
        "",
        f"RETORT_REVISION({symbol_for(rev.revision)});",
        "",
    ]

    def function(name, lines):
        return [f"void {name}(ops& op) {{"] + [l if l.startswith("    ") else "    " + l for l in lines] + ["}", ""]

    return "\n".join(head + function("upgrade", upgrade_lines) + function("downgrade", downgrade_lines))


def write_if_changed(path, text):
    """Leaves an unchanged file alone, so a re-import does not make the build recompile it."""
    try:
        with open(path, encoding="utf-8") as f:
            if f.read() == text:
                return
    except FileNotFoundError:
        pass
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def remove_stale_imports(directory, keep):
    """Removes files an earlier import wrote for revisions that no longer exist (and only those)."""
    for name in os.listdir(directory):
        if not name.endswith(".cpp") or name in keep:
            continue
        path = os.path.join(directory, name)
        with open(path, encoding="utf-8") as f:
            if "// Imported from Alembic: " in f.read():
                os.remove(path)


def check_sql_literal(statements):
    """A raw string cannot contain its own terminator."""
    return all(")retort_sql\"" not in sql for sql, _ in statements)


__all__ = ["revision_source", "file_name", "sql_body", "cpp_string", "check_sql_literal", "write_if_changed",
           "remove_stale_imports"]
