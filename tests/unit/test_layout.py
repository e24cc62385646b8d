"""``crawler/`` grouped by role (docs/layout.md): the pure parts know nothing of the crawl's runtime.

The pure parts (extraction, normalization, the sources file, items, selectors, feeds, the
charset sniffing) are what a user or a test can call on a page without Scrapy's engine, a
database or the command line; they are read with :mod:`ast` (every import, in functions too).
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PURE = ("crawler/extract", "crawler/normalize", "crawler/sources.py", "crawler/domains.py", "crawler/items.py",
        "crawler/selectors.py", "crawler/discovery.py", "crawler/encoding.py")  # fmt: skip
#: What the pure parts never import: the runtime, the command line, the web app, storage, Scrapy, SQLAlchemy.
FORBIDDEN = ("crawler.runtime", "crawler.cli", "crawler.web", "crawler.crawl", "storage", "scrapy", "sqlalchemy")


def _files(entry: str) -> list[Path]:
    path = ROOT / entry
    return sorted(path.rglob("*.py")) if path.is_dir() else [path]


def imported_modules(path: Path, root: Path = ROOT) -> set[str]:
    """Every module ``path`` imports, at any level (relative imports resolved against its package)."""
    package = ".".join(path.relative_to(root).with_suffix("").parts[:-1])
    names = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package.rsplit(".", node.level - 1)[0] if node.level else ""
            names.add(".".join(part for part in (base, node.module or "") if part))
    return names


def _forbidden(module: str) -> bool:
    return any(module == prefix or module.startswith(prefix + ".") for prefix in FORBIDDEN)


def test_the_pure_parts_import_neither_the_runtime_nor_storage_nor_scrapy() -> None:
    files = [path for entry in PURE for path in _files(entry)]
    assert len(files) > 20  # the listing found the packages
    offending = {
        f"{path.relative_to(ROOT)} imports {module}"
        for path in files
        for module in imported_modules(path)
        if _forbidden(module)
    }
    assert not offending, sorted(offending)


def test_the_check_sees_imports_of_the_runtime_in_functions_and_relative_ones(tmp_path: Path) -> None:
    module = tmp_path / "crawler" / "extract" / "probe.py"
    module.parent.mkdir(parents=True)
    module.write_text("from ..runtime import heap\n\n\ndef f():\n    from scrapy import Request\n    return Request\n")
    found = imported_modules(module, root=tmp_path)
    assert found == {"crawler.runtime", "scrapy"}
    assert all(_forbidden(name) for name in found)


def test_importing_the_runtime_package_imports_nothing() -> None:
    """``crawler.runtime.heap`` is imported at start-up: the package itself must cost nothing."""
    assert imported_modules(ROOT / "crawler" / "runtime" / "__init__.py") == set()
