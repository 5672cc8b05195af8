"""One Chromium for every crawl of a process: a scrapy-playwright browser provider.

A batch runs many crawls at once in one process. With the default provider each crawl
starts its own Playwright driver and its own Chromium; with this one, the first crawl
starts them and every other crawl borrows them. A crawl's handler closes only what it
made (its contexts and pages); the browser stays up until `shutdown()`, at the end of
the batch.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
from collections.abc import Awaitable, Callable
from typing import Any

from playwright.async_api import Browser, BrowserContext, Playwright, async_playwright
from scrapy.exceptions import NotSupported

# Work for the shared browser from outside the crawl: printing a report to PDF bytes.
PrintJob = Callable[[Browser], Awaitable[bytes]]


class _Borrowed:
    """The shared browser as one crawl sees it: closing it only drops that crawl's listeners."""

    def __init__(self, browser: Browser) -> None:
        self._browser: Any = browser  # events are named at run time, as the handler names them
        self._listeners: list[tuple[str, Any]] = []

    def on(self, event: str, handler: Any) -> None:
        self._listeners.append((event, handler))
        self._browser.on(event, handler)

    async def close(self) -> None:
        for event, handler in self._listeners:
            self._browser.remove_listener(event, handler)
        self._listeners.clear()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._browser, name)


class SharedBrowser:
    """PLAYWRIGHT_BROWSER_PROVIDER: one driver and one browser, launched with the first crawl's options."""

    _lock: asyncio.Lock | None = None
    _manager: Any = None  # the driver: what async_playwright() returns
    _playwright: Playwright | None = None
    _browser: Browser | None = None
    _loop: asyncio.AbstractEventLoop | None = None  # the reactor's: every object above lives on it

    def __init__(self, config: Any) -> None:
        self.config = config

    @classmethod
    def _guard(cls) -> asyncio.Lock:
        if cls._lock is None:
            cls._lock = asyncio.Lock()
        return cls._lock

    async def start(self) -> None:
        cls = type(self)
        async with cls._guard():
            if cls._playwright is None:
                cls._loop = asyncio.get_running_loop()
                cls._manager = async_playwright()
                cls._playwright = await cls._manager.start()

    async def launch_browser(self) -> Any:
        cls = type(self)
        async with cls._guard():
            if cls._browser is None or not cls._browser.is_connected():
                assert cls._playwright is not None, "start() comes first"
                cls._browser = await cls._playwright.chromium.launch(**self.config.launch_options)
        return _Borrowed(cls._browser)

    async def launch_persistent_context(self, context_kwargs: dict[str, Any]) -> BrowserContext:
        raise NotSupported("a shared browser has no persistent contexts")

    async def close(self) -> None:
        """A crawl ended: the browser stays for the others."""

    @classmethod
    async def shutdown(cls) -> None:
        """The batch ended: close the browser and the driver."""
        browser, manager = cls._browser, cls._manager
        cls._browser = cls._manager = cls._playwright = cls._loop = None
        cls._lock = None
        if browser is not None and browser.is_connected():
            await browser.close()
        if manager is not None:
            await manager.__aexit__(None, None, None)

    @classmethod
    def _up(cls) -> Browser | None:
        browser = cls._browser
        return browser if browser is not None and browser.is_connected() else None

    @classmethod
    def lender(cls) -> Callable[[PrintJob], bytes | None]:
        """Called in the reactor's thread; returns what another thread calls to run a job
        (printing a report) in the shared browser, on the reactor's loop. The job gets
        None back instead when no browser is up (it could not be launched, or crawls that
        render nothing never launched one) or the reactor stops before the job is done."""
        loop = asyncio.get_event_loop()

        def lend(job: PrintJob) -> bytes | None:
            async def run() -> bytes | None:
                browser = cls._up()
                return None if browser is None else await job(browser)

            future = asyncio.run_coroutine_threadsafe(run(), loop)
            while True:
                try:
                    return future.result(timeout=1.0)  # a liveness check, not a budget: the job may take long
                except concurrent.futures.TimeoutError:
                    if not loop.is_running():
                        future.cancel()
                        return None

        return lend

    @classmethod
    def lend_after_crawl(cls, job: PrintJob) -> bytes | None:
        """After a single audit's reactor has stopped: run `job` in the browser it rendered
        with, on its loop, in this (the reactor's) thread; None when no browser is up."""
        loop, browser = cls._loop, cls._up()
        if loop is None or loop.is_running() or loop.is_closed() or browser is None:
            return None
        return loop.run_until_complete(job(browser))

    @classmethod
    def close_after_crawl(cls) -> None:
        """After a single audit's reactor has stopped: close the browser and the driver, if up."""
        loop = cls._loop
        if loop is not None and not loop.is_running() and not loop.is_closed():
            loop.run_until_complete(cls.shutdown())

    @classmethod
    def contexts(cls) -> int:
        """Browser contexts open now: a finished crawl leaves none behind."""
        return len(cls._browser.contexts) if cls._browser is not None else 0
