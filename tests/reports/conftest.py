"""One Chromium for every screenshot and PDF test of the session: starting it costs seconds.

It runs on an event loop of its own, driven only while a test awaits something, so that
other tests in the session (spiders, probes) can start their own loops in between.
"""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine, Iterator
from contextlib import AsyncExitStack
from dataclasses import dataclass
from typing import Any, TypeVar

import pytest
from playwright.async_api import Browser

from auditor.config.settings import AuditConfig
from reports.pdf_report import chromium

T = TypeVar("T")


@dataclass
class SharedBrowser:
    loop: asyncio.AbstractEventLoop
    browser: Browser

    def run(self, work: Coroutine[Any, Any, T]) -> T:
        return self.loop.run_until_complete(work)


@pytest.fixture(scope="session")
def shared_browser() -> Iterator[SharedBrowser]:
    from auditor.config.settings import chromium_path
    from auditor.gather.browser import CHROMIUM_ARGS

    loop = asyncio.new_event_loop()
    stack = AsyncExitStack()
    browser = loop.run_until_complete(stack.enter_async_context(chromium(chromium_path(AuditConfig()), CHROMIUM_ARGS)))
    try:
        yield SharedBrowser(loop, browser)
    finally:
        loop.run_until_complete(stack.aclose())
        loop.close()
