"""C++ spelling of the values the translation produces."""


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


def options(pairs):
    """Designated initialisers from (field, C++ value) pairs, skipping unset ones."""
    parts = [f".{k} = {v}" for k, v in pairs if v is not None]
    return "{" + ", ".join(parts) + "}" if parts else None


def call(name, *args):
    present = [a for a in args if a is not None]
    return f"op.{name}({', '.join(present)});"
