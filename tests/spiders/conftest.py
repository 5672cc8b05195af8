"""One Chromium for every detection test, driven on its own event loop, and a
helper that renders a page the way the spider does and inspects its chat widgets."""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine, Iterator
from dataclasses import dataclass, field
from typing import Any, TypeVar
from urllib.parse import urlsplit

import pytest
from playwright.async_api import Browser, BrowserContext, Playwright, Route, async_playwright

from auditor.gather.browser import CHROMIUM_ARGS
from spiders.chat_inspect import InspectPlan, NetworkLog, inspect_chat, prepare_page
from spiders.rendering import CONTEXTS, skip_heavy_resources

T = TypeVar("T")
# Short waits keep the suite quick; the fixture widgets appear within a second.
TEST_PLAN = InspectPlan(settle_ms=600, budget_ms=4000, stable_ms=400, nudge_wait_ms=700, poll_ms=150)


@dataclass
class Chromium:
    loop: asyncio.AbstractEventLoop
    playwright: Playwright
    browser: Browser
    contexts: dict[str, BrowserContext] = field(default_factory=dict)
    offsite: list[str] = field(default_factory=list)

    def run(self, coroutine: Coroutine[Any, Any, T]) -> T:
        return self.loop.run_until_complete(coroutine)

    async def _guard(self, route: Route) -> None:
        """Tests talk to 127.0.0.1 only: anything else is recorded (so a test can fail
        on it) and aborted; heavy resources are aborted as the crawl does."""
        url = route.request.url
        parts = urlsplit(url)
        if parts.scheme in ("http", "https", "ws", "wss") and parts.hostname != "127.0.0.1":
            self.offsite.append(url)
            await route.abort()
        elif skip_heavy_resources(route.request):
            await route.abort()
        else:
            await route.continue_()

    async def context(self, viewport: str) -> BrowserContext:
        if viewport not in self.contexts:
            context = await self.browser.new_context(**CONTEXTS[viewport])
            await context.route("**/*", self._guard)
            self.contexts[viewport] = context
        return self.contexts[viewport]

    async def inspect(self, url: str, viewport: str = "desktop", plan: InspectPlan = TEST_PLAN) -> dict[str, Any]:
        """Render `url` and run the widget inspection on it, as the spider's page method does."""
        page = await (await self.context(viewport)).new_page()
        log = NetworkLog()
        log.attach(page)
        await prepare_page(page)
        try:
            await page.goto(url)
            return await inspect_chat(page, plan, log)
        finally:
            await page.close()

    async def evaluate(self, url: str, script: str, arg: Any, wait_for: str | None = None) -> Any:
        page = await (await self.context("desktop")).new_page()
        try:
            await page.goto(url)
            if wait_for:
                await page.wait_for_selector(wait_for, state="attached")
            return await page.evaluate(script, arg)
        finally:
            await page.close()


@pytest.fixture(scope="session")
def chromium() -> Iterator[Chromium]:
    loop = asyncio.new_event_loop()
    playwright = loop.run_until_complete(async_playwright().start())
    browser = loop.run_until_complete(
        playwright.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=list(CHROMIUM_ARGS))
    )
    chromium = Chromium(loop, playwright, browser)
    try:
        yield chromium
    finally:
        loop.run_until_complete(browser.close())
        loop.run_until_complete(playwright.stop())
        loop.close()
