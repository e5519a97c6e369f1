"""TypeDecorator classes a revision can use: defined in the revision file itself or in a module
of the project it imports. Each maps to its `impl`, which the translation uses instead."""
import ast
import os

from .pyexpr import short_name


def _decorators(tree):
    found = {}
    for node in tree.body:
        if not isinstance(node, ast.ClassDef):
            continue
        if not any(short_name(b) == "TypeDecorator" for b in node.bases):
            continue
        for item in node.body:
            if isinstance(item, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "impl" for t in item.targets):
                found[node.name] = item.value
    return found


class TypeDecoratorFinder:
    def __init__(self, sys_paths):
        self.sys_paths = [os.path.abspath(p) for p in sys_paths]
        self.cache = {}

    def _module_file(self, dotted_name):
        rel = dotted_name.replace(".", os.sep)
        for base in self.sys_paths:
            for candidate in (os.path.join(base, rel + ".py"), os.path.join(base, rel, "__init__.py")):
                if os.path.isfile(candidate):
                    return candidate
        return None

    def _of_file(self, path):
        if path not in self.cache:
            try:
                with open(path, encoding="utf-8") as f:
                    self.cache[path] = _decorators(ast.parse(f.read()))
            except (OSError, SyntaxError, ValueError):
                self.cache[path] = {}
        return self.cache[path]

    def for_revision(self, source):
        tree = ast.parse(source)
        found = {}
        for node in tree.body:
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names = [node.module]
            for name in names:
                path = self._module_file(name)
                if path:
                    found.update(self._of_file(path))
        found.update(_decorators(tree))
        return found
