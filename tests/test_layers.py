"""One-way imports between the rooms of the project (docs/layout.md).

From the bottom: `govcorpus` is the domain library (no Scrapy, no SQL); `storage` owns the
schema; `crawler` fetches and yields items; `pipelines` transforms them; `govcorpus.cli` is the
application on top; `testbed` sits beside, imported only by the CLI, the benches and the tests.
No package imports itself back through others, and no module does either.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("crawler", "pipelines", "storage", "govcorpus", "testbed")
APPLICATION = "govcorpus.cli"
ENTRY_POINT = "govcorpus.__main__"  # `python -m govcorpus` starts the application
MIGRATIONS = ROOT / "storage" / "migrations" / "versions"


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for package in PACKAGES for p in (ROOT / package).rglob("*.py")
           if "migrations" not in p.parts}


def imported_names(path: Path, package: str) -> set[str]:
    """Every dotted name a file imports, at its top or inside functions, relative ones resolved."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{anchor}.{base}" if base else anchor
            # `from package import module` needs the module, not what the package exports
            names.update(f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base
                         for alias in node.names)
    return names


def imports_of(name: str) -> set[str]:
    """Project modules a module imports."""
    path = MODULES[name]
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for target in imported_names(path, package):
        while target and target not in MODULES:
            target = target.rpartition(".")[0]
        if target and target != name:
            found.add(target)
    return found


GRAPH = {name: imports_of(name) for name in MODULES}


def room(name: str) -> str:
    """The room a module lives in: a top-level package, or the application."""
    if name in (APPLICATION, ENTRY_POINT) or name.startswith(APPLICATION + "."):
        return APPLICATION
    return name.split(".")[0]


def wrong_imports(layer: str, forbidden: tuple[str, ...]) -> list[tuple[str, str]]:
    return sorted((name, target) for name, targets in GRAPH.items() if room(name) == layer
                  for target in targets if room(target) in forbidden)


@pytest.mark.parametrize(("layer", "forbidden"), [
    ("govcorpus", ("crawler", "pipelines", "storage", "testbed", APPLICATION)),
    ("storage", ("crawler", "pipelines", "testbed", APPLICATION)),
    ("crawler", ("pipelines", "testbed", APPLICATION)),
    ("pipelines", ("testbed", APPLICATION)),
    ("testbed", ("crawler", "pipelines", APPLICATION)),
])
def test_layers_import_one_way(layer, forbidden):
    assert wrong_imports(layer, forbidden) == []


def test_the_domain_library_needs_neither_scrapy_nor_sql():
    outside = ("scrapy", "twisted", "sqlalchemy", "alembic", "psycopg", "redis", "scrapy_redis")
    wrong = sorted((name, imported) for name, path in MODULES.items() if room(name) == "govcorpus"
                   for imported in imported_names(path, name.rpartition(".")[0])
                   if imported.split(".")[0] in outside)
    assert wrong == []


def test_the_rules_see_a_wrong_way_import():
    """The checks above read real import statements: a storage module importing the crawler is
    one they find."""
    tree = ast.parse("from crawler.items import PageItem\n")
    node = tree.body[0]
    assert isinstance(node, ast.ImportFrom) and node.module == "crawler.items"
    assert room("crawler.items") == "crawler" and room("govcorpus.cli.main") == APPLICATION
    assert ("storage.engine", "crawler.items") not in wrong_imports("storage", ("crawler",))
    GRAPH["storage.engine"].add("crawler.items")
    try:
        assert ("storage.engine", "crawler.items") in wrong_imports("storage", ("crawler",))
    finally:
        GRAPH["storage.engine"].discard("crawler.items")


def test_no_package_imports_itself_back():
    rooms: dict[str, set[str]] = {}
    for name, targets in GRAPH.items():
        rooms.setdefault(room(name), set()).update(
            room(target) for target in targets if room(target) != room(name))
    assert find_cycles(rooms) == []


def test_no_module_imports_itself_back():
    assert find_cycles(GRAPH) == []


def find_cycles(graph: dict[str, set[str]]) -> list[tuple[str, ...]]:
    cycles = []
    for start in graph:
        stack, seen = [(start, (start,))], set()
        while stack:
            name, path = stack.pop()
            for target in graph.get(name, ()):
                if target == start:
                    cycles.append(path)
                elif target not in seen:
                    seen.add(target)
                    stack.append((target, (*path, target)))
    return cycles


@pytest.mark.parametrize("migration", sorted(MIGRATIONS.glob("*.py")), ids=lambda p: p.stem)
def test_migrations_are_frozen(migration):
    """A migration runs as it was written: it imports no live project code."""
    imported = imported_names(migration, "storage.migrations.versions")
    assert sorted(name for name in imported if name.split(".")[0] in PACKAGES) == []
