"""Finds checks: one module per check in `checks/`, plus third-party entry points."""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Callable
from dataclasses import dataclass
from importlib.metadata import entry_points
from types import ModuleType

from auditor.judge.api import ARTIFACTS, CATEGORY_TITLES, CheckInput, CheckMeta, Outcome

ENTRY_POINT_GROUP = "contact_auditor.checks"


class RegistryError(Exception):
    """A check module is malformed; a bug in the check, reported by the test suite."""


@dataclass(frozen=True)
class Check:
    meta: CheckMeta
    run: Callable[[CheckInput], Outcome]
    doc: str

    @property
    def summary(self) -> str:
        return self.doc.strip().split("\n\n", 1)[0].replace("\n", " ")

    def section(self, name: str) -> str:
        """A docstring section such as "Why it matters" or "How to fix"."""
        match = re.search(rf"{name}:\s*(.+?)(?:\n\s*\n|\Z)", self.doc, re.S)
        text = re.sub(r"\s+", " ", match.group(1)).strip() if match else ""
        return text[:1].upper() + text[1:]


def _from_module(module: ModuleType) -> Check:
    meta = getattr(module, "META", None)
    run = getattr(module, "run", None)
    if not isinstance(meta, CheckMeta) or not callable(run):
        raise RegistryError(f"{module.__name__} must define META (CheckMeta) and run(site)")
    unknown = [name for name in meta.requires if name not in ARTIFACTS]
    if unknown:
        raise RegistryError(f"check {meta.id} requires unknown artifacts: {', '.join(unknown)}")
    if meta.category not in CATEGORY_TITLES:
        raise RegistryError(f"check {meta.id} has unknown category {meta.category}")
    if not (module.__doc__ or "").strip():
        raise RegistryError(f"check {meta.id} has no docstring to show users")
    return Check(meta=meta, run=run, doc=module.__doc__ or "")


def discover(package: str = "checks") -> list[Check]:
    """Every check, ordered by category then id; ids must be unique."""
    found: list[Check] = []
    root = importlib.import_module(package)
    for info in pkgutil.iter_modules(root.__path__):
        if not info.name.startswith("_"):
            found.append(_from_module(importlib.import_module(f"{package}.{info.name}")))
    for entry in entry_points(group=ENTRY_POINT_GROUP):
        found.append(_from_module(entry.load()))
    ids = [c.meta.id for c in found]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise RegistryError(f"duplicate check ids: {', '.join(duplicates)}")
    order = list(CATEGORY_TITLES)
    return sorted(found, key=lambda c: (order.index(c.meta.category), c.meta.id))
