"""Crawl progress on the terminal: pages crawled, rendered and queued."""

from __future__ import annotations

from types import TracebackType

from rich.console import Console
from rich.status import Status


class CrawlProgress:
    """A live status line while crawling; silent when disabled, one summary line off a terminal."""

    def __init__(self, console: Console, enabled: bool = True) -> None:
        self.console = console
        self.enabled = enabled
        self.counts = (0, 0, 0)
        self._status: Status | None = None

    def __enter__(self) -> CrawlProgress:
        if self.enabled and self.console.is_terminal:
            self._status = self.console.status(self._text())
            self._status.start()
        return self

    def _text(self) -> str:
        crawled, rendered, queued = self.counts
        return f"Crawling: {crawled} pages crawled, {rendered} rendered, {queued} queued"

    def update(self, crawled: int, rendered: int, queued: int) -> None:
        self.counts = (crawled, rendered, queued)
        if self._status is not None:
            self._status.update(self._text())

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        if self._status is not None:
            self._status.stop()
        if self.enabled and kind is None:
            crawled, rendered, _ = self.counts
            self.console.print(f"Crawled {crawled} pages, {rendered} rendered in Chromium.", markup=False)
