"""The import graph of python/ (the package and the tests), read from the source with `ast`: no circle.

Every `import` and `from … import` counts, at the top of a module or inside a function (a deferred import is
still a dependency), relative ones resolved against the module's package. An edge goes to the module named,
or to the submodule when `from package import name` names one.
"""

from __future__ import annotations

import ast
from pathlib import Path

PYTHON_DIR = Path(__file__).resolve().parents[1]
PACKAGE = "gba_tech_transfer"


def module_names() -> dict[str, Path]:
    """Dotted name -> file: the package's modules, and the tests' modules by their file name."""
    modules = {}
    for path in sorted((PYTHON_DIR / PACKAGE).rglob("*.py")):
        parts = path.relative_to(PYTHON_DIR).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        modules[name] = path
    for path in sorted((PYTHON_DIR / "tests").glob("*.py")):
        modules[path.stem] = path
    return modules


def imports(name: str, path: Path, known: set[str]) -> set[str]:
    """The modules of `known` that module `name` (file `path`) imports."""
    is_package = path.name == "__init__.py"
    package = name if is_package else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base_parts = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join(base_parts + ([node.module] if node.module else []))
            else:
                base = node.module or ""
            targets = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base for alias in node.names]
        else:
            continue
        found.update(t for t in targets if t in known)
    found.discard(name)
    return found


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def import_graph() -> dict[str, set[str]]:
    modules = module_names()
    return {name: imports(name, path, set(modules)) for name, path in modules.items()}


def test_the_import_graph_has_no_circle():
    graph = import_graph()
    assert graph[f"{PACKAGE}.synthetic.generate"] >= {f"{PACKAGE}.synthetic.plan", f"{PACKAGE}.synthetic.others"}
    assert cycles(graph) == []


def test_a_circle_would_be_found():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_relative_imports_resolve_to_the_modules_named():
    graph = import_graph()
    assert f"{PACKAGE}.synthetic.targets" in graph[f"{PACKAGE}.synthetic.plan"]  # from . import targets as T
    assert PACKAGE in graph[f"{PACKAGE}.pipeline.publish"]  # from .. import PROJECT_DIR
    assert f"{PACKAGE}.pipeline.validate" in graph[f"{PACKAGE}.pipeline.publish"]  # from .validate import …
