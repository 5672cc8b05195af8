"""The bundled demo company website (Nimbus Bikes), with deliberate contact mistakes."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path


@contextmanager
def demo_site() -> Iterator[Path]:
    """The folder holding the demo site's pages, ready to serve."""
    with resources.as_file(resources.files("auditor.demo") / "nimbus") as root:
        yield root
