"""What the chat inspection finds does not depend on how busy the machine is."""

from __future__ import annotations

import asyncio
import multiprocessing
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from spiders.chat_inspect import InspectPlan
from tests.spiders.conftest import Chromium

pytestmark = pytest.mark.slow

CHAT = Path(__file__).parent.parent / "sites" / "chat"
# Every page: late, lazy, covered, broken, retired and absent widgets alike.
PAGES = sorted(p.stem for p in CHAT.glob("*.html"))


def _spin() -> None:
    while True:
        pass


@pytest.fixture
def busy_cores() -> Iterator[int]:
    """Two processes per core that never sleep, for the length of a test."""
    workers = [multiprocessing.Process(target=_spin, daemon=True) for _ in range(2 * (os.cpu_count() or 2))]
    for worker in workers:
        worker.start()
    try:
        yield len(workers)
    finally:
        for worker in workers:
            worker.kill()
            worker.join()


def _what_a_report_shows(result: dict[str, Any]) -> dict[str, tuple[str, bool]]:
    """Vendor -> (corner, visible): what the report would say about each widget."""
    shown = {}
    for widget in result["widgets"]:
        box = widget.get("box") or {}
        shown[widget["vendor"]] = (box.get("corner", "none"), bool(box.get("visible")))
    return shown


def _inspect_all(chromium: Chromium, sites: str) -> dict[str, dict[str, tuple[str, bool]]]:
    # Short quiet windows and a long budget: what is found must come from waiting for the
    # page's own events (timers firing, scripts loading, launchers settling), never from
    # a fixed wait that happened to be long enough on this machine.
    plan = InspectPlan(settle_ms=300, stable_ms=300, nudge_wait_ms=300, poll_ms=100, budget_ms=30_000)

    async def every() -> dict[str, dict[str, tuple[str, bool]]]:
        gate = asyncio.Semaphore(4)

        async def one(name: str) -> tuple[str, dict[str, tuple[str, bool]]]:
            async with gate:
                return name, _what_a_report_shows(await chromium.inspect(f"{sites}/chat/{name}.html", plan=plan))

        return dict(await asyncio.gather(*(one(name) for name in PAGES)))

    return chromium.run(every())


def test_busy_cores_find_exactly_what_an_idle_machine_finds(
    chromium: Chromium, sites: str, request: pytest.FixtureRequest
) -> None:
    idle = _inspect_all(chromium, sites)
    assert sum(bool(found) for found in idle.values()) >= 15  # the fixtures really have widgets to find
    request.getfixturevalue("busy_cores")
    loaded = _inspect_all(chromium, sites)
    assert loaded == idle
