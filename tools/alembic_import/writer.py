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


def _raw_string(sql):
    """A C++ raw string literal whose delimiter the SQL does not contain."""
    delimiter = "retort_sql"
    while f"){delimiter}\"" in sql:
        delimiter += "_"
    return f'R"{delimiter}({sql}){delimiter}"'


def sql_body(statements, reason, source="Alembic's offline mode rendered"):
    lines = [f"    // Not translated: {reason}.",
             f"    // Below is the SQL {source} for this revision.",
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
        lines.append(f"{indent}op.execute({_raw_string(sql)});")
    if in_block:
        lines.append("    }")
    lines.append(f"    {SQL_END}")
    return lines


def _commented(python):
    """Python source as // lines; a trailing backslash would splice the next line into the comment."""
    out = []
    for line in python.splitlines():
        line = line.rstrip()
        out.append(f"    // {line} //" if line.endswith("\\") else f"    // {line}".rstrip())
    return out


def hand_work_body(rev, direction, kind, reason):
    """A body that stops the build with one line naming the revision and what to do."""
    name = rev.path.rsplit("/", 1)[-1]
    if kind == "to-port":
        lines = [f"    // {direction}() of {name} reads data to decide what to write, which neither an offline",
                 "    // rendering nor a replay on an empty scratch database reproduces. Port it to C++",
                 "    // (op.run_code, see docs/from-alembic.md) and delete the #error line. The original:"]
        lines += _commented(rev.function_source.get(direction, ""))
        line, _, code = reason.split(": ", 2)  # "line N", "upgrade() reads data", the code
        what = f"revision {rev.revision}: port {direction}() by hand, it reads data ({name}:{line[5:]}: {code})"
    else:
        lines = [f"    // The importer refused {direction}() of {name}: {reason}"]
        what = f"revision {rev.revision}: {direction}() was refused by the importer, see the comment above"
    return lines + [f"#error {cpp_string(what + '; see docs/from-alembic.md')}"]


def body(rev, direction, result):
    if result.kind == "translated":
        return result.lines
    if result.kind == "captured":
        return sql_body(result.lines, result.reason, result.source)
    return hand_work_body(rev, direction, result.kind, result.reason)


def redact(text):
    return re.sub(r"(://[^:/@\s]*:)[^@\s]*@", r"\1***@", text)


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
        return [f"void {name}(ops& op) {{"] + [l if l.startswith(("    ", "#")) else "    " + l for l in lines] + \
            ["}", ""]

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


__all__ = ["revision_source", "file_name", "sql_body", "body", "cpp_string", "write_if_changed",
           "remove_stale_imports", "redact"]
