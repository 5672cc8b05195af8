"""The package's layout is the flow: gather -> artifacts -> judge -> results -> run/reports.

These tests read every import of the code (module level, inside functions, and under
TYPE_CHECKING alike: a dependency is a dependency) and hold the rules the layout promises:
no import cycle, no import that runs against the flow, and each top-level package used only
from its one door.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("auditor", "spiders", "checks", "reports")

# The layers of auditor/, lowest first. A module may import its own layer's package and the
# layers below it, never above, and never a sibling package on the same layer.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("auditor", "auditor.errors", "auditor.domains", "auditor.names"),
    ("auditor.artifacts",),
    ("auditor.messages",),
    ("auditor.results",),
    ("auditor.storage",),
    ("auditor.config",),
    ("auditor.mail",),
    ("auditor.gather", "auditor.judge"),
    ("auditor.history",),
    ("auditor.run",),
    ("auditor.portfolio", "auditor.evaluate", "auditor.demo", "auditor.extract"),
    ("auditor.cli",),
    ("auditor.__main__",),
)
# What each other top-level package may take from auditor/.
MAY_IMPORT = {
    "checks": ("auditor.judge.api", "auditor.artifacts"),
    "reports": ("auditor.results", "auditor.names"),
    "spiders": ("auditor", "auditor.artifacts", "auditor.domains", "auditor.errors", "auditor.gather"),
}
# The one place each of them is imported from (the registry finds checks by name, not by import).
DOORS = {
    "spiders": ("auditor.gather.crawl",),
    "checks": (),
    "reports": ("auditor.run",),
}


def _modules() -> dict[str, Path]:
    found = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join(parts)] = path
    return found


MODULES = _modules()


def _known(name: str) -> str | None:
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def _imports(module: str, path: Path) -> set[str]:
    """Every module of ours that `module` imports, wherever in the file the import stands."""
    found: set[str] = set()
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            names = [base, *(f"{base}.{alias.name}" for alias in node.names)]
        for name in names:
            target = _known(name)
            if target is not None and target != module:
                found.add(target)
    return found


GRAPH = {module: _imports(module, path) for module, path in MODULES.items()}


def _within(module: str, prefix: str) -> bool:
    return module == prefix or module.startswith(prefix + ".")


def _layer(module: str) -> tuple[int, str]:
    best: tuple[int, str] | None = None
    for rank, layer in enumerate(LAYERS):
        for package in layer:
            if _within(module, package) and (best is None or len(package) > len(best[1])):
                best = (rank, package)
    assert best is not None, f"{module} sits in no layer: add its package to LAYERS"
    return best


def _cycles() -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(GRAPH[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(GRAPH):
        if node not in index:
            visit(node)
    return found


def test_the_reader_sees_every_kind_of_import() -> None:
    # The rules below are only as good as the reading: a function-level import, a
    # TYPE_CHECKING import and a `from package import module` all count.
    assert "auditor.gather.crawl" in GRAPH["auditor.run.pipeline"]  # imported inside gather()
    assert "auditor.history.record" in GRAPH["auditor.run.pipeline"]  # TYPE_CHECKING and in audit_site()
    assert "auditor.judge.api" in GRAPH["checks._common"]
    assert len(MODULES) > 150


def test_no_import_cycle_even_through_function_level_imports() -> None:
    assert _cycles() == []


def test_no_import_runs_against_the_flow() -> None:
    backwards = []
    for module, targets in GRAPH.items():
        if not module.startswith("auditor"):
            continue
        rank, package = _layer(module)
        for target in targets:
            if not target.startswith("auditor"):
                continue
            target_rank, target_package = _layer(target)
            if target_package != package and target_rank >= rank:
                backwards.append(f"{module} -> {target}")
    assert sorted(backwards) == []


def test_other_packages_take_from_auditor_only_what_they_may() -> None:
    wrong = []
    for module, targets in GRAPH.items():
        top = module.split(".")[0]
        if top not in MAY_IMPORT:
            continue
        for target in targets:
            if target.startswith("auditor") and not any(_within(target, ok) for ok in MAY_IMPORT[top]):
                wrong.append(f"{module} -> {target}")
    assert sorted(wrong) == []


def test_spiders_checks_and_reports_are_each_entered_by_one_door() -> None:
    wrong = []
    for module, targets in GRAPH.items():
        for target in targets:
            top = target.split(".")[0]
            if top not in DOORS or module.split(".")[0] == top:
                continue
            if not any(_within(module, door) for door in DOORS[top]):
                wrong.append(f"{module} -> {target}")
    assert sorted(wrong) == []


def test_a_check_imports_only_the_check_api_and_the_models() -> None:
    for module, targets in GRAPH.items():
        if module.startswith("checks"):
            assert {t.split(".")[0] for t in targets} <= {"auditor", "checks"}, module


def test_commands_read_the_history_through_the_history_layer_not_its_rows() -> None:
    readers = [m for m, targets in GRAPH.items() if _within(m, "auditor.cli") and "auditor.storage.tables" in targets]
    assert readers == []


def test_the_published_extraction_api_is_importable() -> None:
    # External evaluation tools call these names; they stay while the code lives in gather/.
    from auditor.extract import extract_page
    from auditor.extract.merge import build_channels

    findings = extract_page(
        "<html><body><a href='mailto:help@shop.co.uk'>Write</a></body></html>",
        "https://shop.co.uk/",
        domain="shop.co.uk",
    )
    _, channels = build_channels([findings])
    assert [e.address for e in channels.emails] == ["help@shop.co.uk"]
