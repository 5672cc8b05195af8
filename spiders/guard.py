"""The audit's scope on every request the crawl makes, redirects included: Scrapy's own
offsite filter compares host names only, so a page that redirects to another port of the
audited host (an admin console) or to an internal address would be fetched."""

from __future__ import annotations

from typing import Any

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest


class OutOfScopeError(IgnoreRequest):
    """A request outside the audited site; never sent."""


class PageBudgetSpentError(IgnoreRequest):
    """A page queued past the page budget; never sent."""


class ScopeMiddleware:
    """A downloader middleware, first in the chain, that refuses requests the spider's
    scope does not allow (a spider without a scope is not audited: nothing refused), and
    pages past its page budget."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ScopeMiddleware:
        return cls(crawler)

    def process_request(self, request: Request, spider: Any = None) -> None:
        spider = self.crawler.spider
        scope = getattr(spider, "scope", None)
        if scope is not None and not scope.allows(request.url):
            raise OutOfScopeError(f"{request.url} is outside the audited site")
        admit = getattr(spider, "admit", None)
        if admit is not None and not admit(request):
            raise PageBudgetSpentError(f"{request.url}: the page budget is spent")
