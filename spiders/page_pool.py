"""Rendered pages kept open from one render to the next: a scrapy-playwright download handler.

Opening a Playwright page costs more than navigating one (a new target in Chromium, its
frame tree, its init scripts). scrapy-playwright opens a page for every request and
closes it after; this handler keeps each page once its render is over, emptied (its
session storage cleared, taken to `about:blank` so none of the site's scripts or timers
run on, and unrouted), and hands it to the next render in the same browser context. A
context holds at most PLAYWRIGHT_MAX_PAGES_PER_CONTEXT pages, kept ones included; a
render that finds none free waits for the next page given back.

The audit's one browser (spiders/browsers.py) is launched as the crawl starts, not at
its first render, which would wait for it. A page that failed, crashed, or stopped
answering is closed, never kept: the next render gets a new one. Every render is bounded
as a whole (`render_limit`), past the bounds of its navigation and of each of its page
methods: a render that goes over is stopped, its page closed, and the crawl goes on with
the page's raw HTML.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import weakref
from collections import defaultdict
from typing import Any
from urllib.parse import urlsplit

from playwright.async_api import Error as PlaywrightError
from playwright.async_api import Frame, Page
from scrapy import Request, Spider
from scrapy.http import Response
from scrapy_playwright.handler import DEFAULT_CONTEXT_NAME, ScrapyPlaywrightDownloadHandler

from spiders.browsers import SharedBrowser
from spiders.chat_inspect import InspectPlan, close_page, hard_limit

logger = logging.getLogger(__name__)

# Emptying or reading a page that no longer answers in this long (a script in an endless
# loop) gives up on it: the page is closed.
EMPTY_TIMEOUT_S = 10.0

# What a browser tab, unlike the context, keeps for the site from one page to the next:
# its session storage (restored when the tab comes back to the site) and the window's
# name. A kept page forgets both, what the site's own handlers write as the page is left
# included (a listener added now runs after theirs): no render sees what the site stored
# in the tab for the page shown before.
FORGET_TAB = """() => {
  const forget = () => { try { sessionStorage.clear(); } catch (e) {} window.name = ''; };
  forget();
  addEventListener('pagehide', forget);
}"""


class RenderTimeoutError(Exception):
    """A render went past `render_limit`; its page was closed."""


def render_limit(request: Request, navigation_s: float) -> float:
    """Seconds a render may take from the moment it has a page: its navigation, each page
    method within its own bound (`hard_limit`, or the navigation timeout for a method
    without one) and the page's load state after it, then reading the page."""
    total = navigation_s + EMPTY_TIMEOUT_S
    for method in request.meta.get("playwright_page_methods") or []:
        plans = [arg for arg in getattr(method, "args", ()) if isinstance(arg, InspectPlan)]
        total += (hard_limit(plans[0]) if plans else navigation_s) + navigation_s
    return total


class _Sites:
    """The sites (origins) whose documents the watched page's main frame showed during a
    render. A redirect by the server shows no document of the site it leaves; a script
    that sends the page elsewhere does."""

    def __init__(self) -> None:
        self.page: Page | None = None
        self.origins: set[str] = set()

    def watch(self, page: Page) -> None:
        self.page = page
        page.on("framenavigated", self._shown)

    def unwatch(self) -> None:
        if self.page is not None:
            with contextlib.suppress(KeyError, ValueError):
                self.page.remove_listener("framenavigated", self._shown)

    def _shown(self, frame: Frame) -> None:
        if frame.parent_frame is None:
            parts = urlsplit(frame.url)
            if parts.scheme in ("http", "https"):
                self.origins.add(f"{parts.scheme}://{parts.netloc}")

    def one_site(self, page: Page) -> bool:
        """Whether `page` is the watched one and showed at most one site. A page taken
        on a retry (the watched one closed under the render) was not watched."""
        return page is self.page and len(self.origins) <= 1


class PageReusingHandler(ScrapyPlaywrightDownloadHandler):  # type: ignore[misc]  # untyped package
    def __init__(self, crawler: Any) -> None:
        super().__init__(crawler)
        self._kept: dict[str, list[Page]] = defaultdict(list)
        self._open: dict[str, int] = defaultdict(int)  # pages open per context, kept ones included
        self._freed: dict[str, asyncio.Event] = {}  # set when a page of the context is kept or closed
        self._crashed: weakref.WeakSet[Page] = weakref.WeakSet()  # never kept
        self._tasks: set[asyncio.Future[None]] = set()  # tasks of this handler under way

    async def _launch(self) -> None:
        await super()._launch()
        if not isinstance(self.browser_provider, SharedBrowser):
            return  # a browser per handler (one per URL scheme, one of which may never render): at its first render
        # The one browser of the audit starts while the crawl fetches its first pages: the
        # first render does not wait for it. The handlers of both schemes borrow it. A
        # launch that fails here fails again, and is told, at that render.
        launching = asyncio.ensure_future(self._maybe_launch_browser())
        self._tasks.add(launching)
        launching.add_done_callback(self._launched)

    async def _close(self) -> None:
        # What this handler started ends first: a browser still starting is closed with the rest.
        await asyncio.gather(*self._tasks, return_exceptions=True)
        await super()._close()

    def _launched(self, launching: asyncio.Future[None]) -> None:
        self._tasks.discard(launching)
        failure = None if launching.cancelled() else launching.exception()
        if failure is not None:
            # Said once here; the first render tries again and fails with the reason.
            reason = (str(failure).splitlines() or [type(failure).__name__])[0]
            logger.warning("the browser could not be launched: %s", reason)

    async def _create_page(self, request: Request, spider: Spider) -> Page:
        """A kept page of the request's context; else a new one while the context has room;
        else, once a render of the context gives its page back or a page closes, one of those."""
        name = request.meta.setdefault("playwright_context", DEFAULT_CONTEXT_NAME)
        page: Page
        while True:
            kept = self._kept[name]
            while kept:
                page = kept.pop()
                if self._usable(page, name):
                    self.stats.inc_value("playwright/page_count/reused")
                    request.meta["playwright_page"] = page
                    return page
                await close_page(page)
            if self._open[name] < self.config.max_pages_per_context:
                break
            await self._freed.setdefault(name, asyncio.Event()).wait()
        self._open[name] += 1
        # Shielded: a render cancelled while Chromium opens its page must not leave that
        # page open, nor the context's permit for it taken (`_abandon`).
        creating = asyncio.ensure_future(self._open_page(request, spider, name))
        try:
            page = await asyncio.shield(creating)
        except BaseException:
            creating.add_done_callback(lambda done: self._abandon(done, name))
            raise
        # Where the request's page is looked for: by this handler when the render fails or
        # is cancelled, by scrapy-playwright when a page closed under it and it takes another.
        request.meta["playwright_page"] = page
        return page

    async def _open_page(self, request: Request, spider: Spider, name: str) -> Page:
        """A new page, followed from the moment it exists: its close gives its place back."""
        page: Page = await super()._create_page(request, spider)
        page.on("crash", self._crashed.add)
        page.once("close", lambda _: self._closed(name))
        return page

    def _abandon(self, creating: asyncio.Future[Page], name: str) -> None:
        """A page opened for a render that no longer wants it: closed, its place given back."""
        if creating.cancelled() or creating.exception() is not None:
            self._closed(name)
            return
        self._close_later(creating.result())

    def _close_later(self, page: Page) -> None:
        """Close the page in a task of its own, which a cancellation of the render cannot stop."""
        closing = asyncio.ensure_future(close_page(page))
        self._tasks.add(closing)
        closing.add_done_callback(self._tasks.discard)

    def _closed(self, name: str) -> None:
        self._open[name] -= 1
        self._wake(name)

    def _wake(self, name: str) -> None:
        freed = self._freed.pop(name, None)
        if freed is not None:
            freed.set()

    async def _download_request(self, request: Request, spider: Spider | None = None) -> Response:
        # The page stays open after the download; this handler, not the spider, decides its fate.
        request.meta["playwright_include_page"] = True
        sites = _Sites()
        try:
            # The page first (it becomes the request's): waiting for a free one is not part of
            # the render's time.
            sites.watch(await self._create_page(request, spider or self._crawler.spider))
            limit = render_limit(request, (self.config.navigation_timeout_ms or 30_000) / 1000)
            try:
                response: Response = await asyncio.wait_for(super()._download_request(request, spider), limit)
            except TimeoutError:
                raise RenderTimeoutError(f"the render did not end in {limit:.0f} s; the page was closed") from None
        except BaseException:
            page = request.meta.pop("playwright_page", None)
            self._detach(page, request, sites)
            if isinstance(page, Page):
                self._close_later(page)
            raise
        page = request.meta.pop("playwright_page", None)
        request.meta.pop("playwright_include_page", None)
        self._detach(page, request, sites)
        if isinstance(page, Page):
            try:
                if sites.one_site(page):
                    await self._keep(page, request.meta.get("playwright_context", DEFAULT_CONTEXT_NAME))
                else:
                    # The tab keeps a session of each site it showed; only the last one's can be cleared.
                    await close_page(page)
            except BaseException:
                self._close_later(page)  # cancelled while emptied: closed, never kept half-emptied
                raise
        return response

    def _usable(self, page: Page, name: str) -> bool:
        wrapper = self.context_wrappers.get(name)
        return (
            wrapper is not None
            and not page.is_closed()
            and page not in self._crashed
            and page.context is wrapper.context
        )

    async def _keep(self, page: Page, name: str) -> None:
        """Empty the page and keep it for the next render of its context; close it when
        it cannot be emptied (a crash, a script that no longer lets go)."""
        emptied = False
        if self._usable(page, name):
            with contextlib.suppress(PlaywrightError, TimeoutError):
                await asyncio.wait_for(page.evaluate(FORGET_TAB), EMPTY_TIMEOUT_S)
                await asyncio.wait_for(page.goto("about:blank"), EMPTY_TIMEOUT_S)
                await page.unroute_all(behavior="ignoreErrors")
                emptied = True
        if emptied and self._usable(page, name):
            self._kept[name].append(page)
            self._wake(name)
        else:
            await close_page(page)

    @staticmethod
    def _detach(page: Any, request: Request, sites: _Sites) -> None:
        """Drop the request's own listeners (`playwright_page_event_handlers`) from the page,
        and the handler's."""
        sites.unwatch()
        if not isinstance(page, Page):
            return
        for event, handler in (request.meta.get("playwright_page_event_handlers") or {}).items():
            if callable(handler):
                with contextlib.suppress(KeyError, ValueError):
                    page.remove_listener(event, handler)
