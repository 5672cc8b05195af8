"""An audit's progress on the terminal: the crawl's pages, then judging and printing.

On a terminal one live line is redrawn in place, "26 of 50 pages, 2 rendered,
https://example.com/contact, 0:41 elapsed"; with --verbose every page fetched or rendered,
and every step, is a line of its own, whole, so a pipe or a CI log keeps it all.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from types import TracebackType

from rich.console import Console
from rich.live import Live
from rich.spinner import Spinner
from rich.text import Text


def elapsed(seconds: float) -> str:
    """0:41, 12:05, 1:02:09."""
    minutes, secs = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


class CrawlProgress:
    """What a person watching an audit sees on stderr; nothing when disabled (--quiet).

    `live` draws the redrawn line (a terminal), `verbose` prints each event as a line.
    Off a terminal and without `verbose`, only the closing "Crawled N pages" line is printed.
    """

    def __init__(
        self,
        console: Console,
        enabled: bool = True,
        *,
        max_pages: int | None = None,
        verbose: bool = False,
        live: bool | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.console = console
        self.enabled = enabled
        self.verbose = enabled and verbose
        self.live = enabled and (console.is_terminal if live is None else live)
        self.max_pages = max_pages
        self.clock = clock
        self.started = clock()
        self.counts = (0, 0, 0)
        # Counted here as pages arrive: the crawl's own counts wait for a page's rendering.
        self.fetched: set[str] = set()
        self.rendered: set[str] = set()
        self.url = ""
        self.doing = ""  # a step after the crawl: judging, printing the PDF
        self._live: Live | None = None
        self._spinner = Spinner("dots", style="status.spinner")

    def __enter__(self) -> CrawlProgress:
        self.started = self.clock()
        if self.live:
            # As `console.status` draws it, but refreshed at each page and step too (see _say).
            self._live = Live(self, console=self.console, refresh_per_second=12.5, transient=True)
            self._live.start()
        return self

    def __rich__(self) -> Spinner:
        # Redrawn by the live line several times a second, so the elapsed time runs on.
        self._spinner.update(text=Text(self.text(), no_wrap=True, overflow="ellipsis"))
        return self._spinner

    def text(self) -> str:
        if self.doing:
            return f"{self.doing}, {elapsed(self.clock() - self.started)} elapsed"
        crawled = max(self.counts[0], len(self.fetched))
        rendered = max(self.counts[1], len(self.rendered))
        pages = f"{crawled} of {self.max_pages} pages" if self.max_pages else f"{crawled} pages"
        url = f", {self.url}" if self.url else ""
        return f"{pages}, {rendered} rendered{url}, {elapsed(self.clock() - self.started)} elapsed"

    def update(self, crawled: int, rendered: int, queued: int) -> None:
        """The crawl's counts: pages crawled, rendered in Chromium, still queued."""
        self.counts = (crawled, rendered, queued)

    def page(self, url: str, in_browser: bool) -> None:
        """A page the crawl has just fetched, or rendered in Chromium."""
        (self.rendered if in_browser else self.fetched).add(url)
        self.url = f"{url} in Chromium" if in_browser else url
        self._say(self.text())

    def step(self, text: str) -> None:
        """A step after the crawl, such as judging or printing the PDF."""
        self.doing = text
        self._say(text)

    def _say(self, line: str) -> None:
        if self._live is not None:  # drawn now, not at the next tick: every page shows, however fast
            self._live.refresh()
        if self.verbose:
            self.console.print(line, markup=False, highlight=False, soft_wrap=True)

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        if self._live is not None:
            self._live.stop()
        if self.enabled and kind is None:
            crawled, rendered, _ = self.counts
            self.console.print(
                f"Crawled {crawled} pages, {rendered} rendered in Chromium.", markup=False, soft_wrap=True
            )
