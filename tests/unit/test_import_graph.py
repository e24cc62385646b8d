"""No import circles in ``crawler/`` and ``storage/``, and nothing but the command line imports the command line.

The graph is built with :mod:`ast` from the source files, without importing them. An edge
``a -> b`` is an ``import`` that runs when module ``a`` is *imported*: module-level statements,
including those inside ``try``/``if`` blocks, but not those under ``if TYPE_CHECKING:`` (never run)
and not those inside functions. Importing ``a.b.c`` also runs the packages ``a`` and ``a.b``, so
those are edges too. Why only module-level imports count for circles: a circle of them is what
breaks (a module sees a half-initialized partner, the order of imports starts to matter, one
module cannot be imported alone), whereas an import inside a function runs later, after every
module involved has been initialized, and is how the commands defer heavy imports (Scrapy,
matplotlib) to the moment they are needed.

Function-level imports still matter for the layering, which the second test keeps: the command
line (``crawler.cli``) is the outermost layer, so no other module imports it at any level (the
crawl's workers once re-entered it to run a crawl; they call :mod:`crawler.crawl` instead).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("crawler", "storage")
CLI = "crawler.cli"
#: The console script's module (pyproject.toml): it starts the command line, so it imports it.
ENTRY = "crawler.entry"


def project_modules() -> dict[str, Path]:
    """Every module of the project's packages by dotted name (a package by its ``__init__.py``)."""
    modules = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            parts = path.relative_to(ROOT).with_suffix("").parts
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            modules[name] = path
    return modules


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(body: list[ast.stmt], *, functions: bool) -> Iterator[ast.Import | ast.ImportFrom]:
    """The import statements of ``body``: those run at import time, plus those in functions if asked."""
    for node in body:
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node
        elif isinstance(node, ast.If):
            if not _is_type_checking(node.test):
                yield from _imports(node.body, functions=functions)
            yield from _imports(node.orelse, functions=functions)
        elif isinstance(node, ast.Try | ast.With | ast.For | ast.While):
            for block in ("body", "handlers", "orelse", "finalbody"):
                for child in getattr(node, block, []):
                    inner = child.body if isinstance(child, ast.ExceptHandler) else [child]
                    yield from _imports(inner, functions=functions)
        elif isinstance(node, ast.ClassDef):
            yield from _imports(node.body, functions=functions)
        elif functions and isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            yield from (n for n in ast.walk(node) if isinstance(n, ast.Import | ast.ImportFrom))


def _with_parents(name: str, importer: str, modules: dict[str, Path]) -> Iterator[str]:
    """``name`` and the packages it runs, less the importer's own packages (being imported already)."""
    parts = name.split(".")
    for end in range(1, len(parts) + 1):
        prefix = ".".join(parts[:end])
        own_package = end < len(parts) and (importer == prefix or importer.startswith(prefix + "."))
        if prefix in modules and not own_package:
            yield prefix


def import_graph(*, functions: bool = False) -> dict[str, set[str]]:
    """Module -> the project's modules its imports run (see the module docstring)."""
    modules = project_modules()
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        targets: set[str] = set()
        for node in _imports(ast.parse(path.read_text(encoding="utf-8")).body, functions=functions):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    targets.update(_with_parents(alias.name, name, modules))
                continue
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            submodules = [f"{base}.{alias.name}" for alias in node.names if f"{base}.{alias.name}" in modules]
            if len(submodules) == len(node.names):  # `from package import module`: the package is only run
                for submodule in submodules:
                    targets.update(_with_parents(submodule, name, modules))
            else:  # names read from ``base``: an edge even to the importer's own package
                targets.update(_with_parents(base, name, modules))
                targets.update(submodules)
        targets.discard(name)
        graph[name] = targets
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One circle of imports as ``[a, b, ..., a]``, or None (depth-first search, colours)."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for target in sorted(graph.get(node, ())):
            if state.get(target) == 1:
                return [*path[path.index(target) :], target]
            if target not in state and (found := visit(target)):
                return found
        path.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return None


def test_the_graph_sees_imports_of_every_kind() -> None:
    """The graph builder itself: relative, `from package import module`, parents, no TYPE_CHECKING."""
    graph = import_graph()
    assert {"storage.models", "storage.query.index", "crawler.items"} <= graph["storage.repository"]
    assert "crawler.normalize.agencies" in graph["crawler.normalize.bylines"]  # from package import module
    assert "crawler.normalize" not in graph["crawler.normalize.bylines"]  # its own package runs already
    assert all(target in graph for targets in graph.values() for target in targets)
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_no_import_circles_in_crawler_and_storage() -> None:
    cycle = find_cycle(import_graph())
    assert cycle is None, "import circle: " + " -> ".join(cycle or [])


def test_nothing_outside_the_command_line_imports_it() -> None:
    """At module or function level: the CLI calls the crawler and storage, never the other way round."""
    graph = import_graph(functions=True)
    offenders = sorted(
        f"{module} -> {target}"
        for module, targets in graph.items()
        if not (module in (CLI, ENTRY) or module.startswith(CLI + "."))
        for target in targets
        if target == CLI or target.startswith(CLI + ".")
    )
    assert offenders == [], "modules outside crawler.cli import it: " + ", ".join(offenders)
