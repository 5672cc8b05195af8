"""The audited site's access settings ([access]: basic auth, headers, cookies) on every
request to it, from the crawl and from the browser, and on no request elsewhere: a chat
vendor's script or a CDN never sees a staging password."""

from __future__ import annotations

from typing import Any

from playwright.async_api import Page
from scrapy import Request
from scrapy.crawler import Crawler
from scrapy_playwright.headers import use_scrapy_headers

from auditor.config.access import SiteAccess
from auditor.gather.scope import Scope


class AccessMiddleware:
    """A downloader middleware (before Scrapy's cookies middleware) that adds the site's
    headers and cookies to the crawl's requests within the audit's scope."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.access: SiteAccess | None = crawler.settings.get("CONTACT_AUDIT_ACCESS")
        self.seeded = False

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> AccessMiddleware:
        return cls(crawler)

    def process_request(self, request: Request, spider: Any = None) -> None:
        scope = getattr(self.crawler.spider, "scope", None)  # the spider's, as spiders.guard uses it
        if self.access is None or scope is None or not scope.allows(request.url):
            return
        for name, value in self.access.headers.items():
            request.headers[name] = value
        if self.access.cookies and not self.seeded:
            # Scrapy's cookies middleware keeps them in its jar for the site from here on.
            self.seeded = True
            cookies: dict[str | bytes, Any] = dict(self.access.cookies.items())
            if isinstance(request.cookies, dict):
                cookies.update(request.cookies)
            request.cookies = cookies


class AccessHeaders:
    """`PLAYWRIGHT_PROCESS_REQUEST_HEADERS`: scrapy-playwright's own choice of headers, plus
    the site's headers on the browser's requests within the audit's scope (its scripts'
    data calls and the frames it embeds from itself, not only the page). Cookies go in
    the browser's own cookie store (`seed_cookies`): Chromium ignores a Cookie header
    set on an intercepted request."""

    def __init__(self, access: SiteAccess, scope: Scope) -> None:
        self.access = access
        self.scope = scope

    def __repr__(self) -> str:  # Scrapy logs its settings: names only
        return f"AccessHeaders({self.access!r})"

    async def __call__(self, **kwargs: Any) -> dict[str, str]:
        headers: dict[str, str] = await use_scrapy_headers(**kwargs)
        request = kwargs["playwright_request"]
        if not self.scope.allows(str(request.url)):
            return headers
        lowered = {name.lower(): name for name in headers}
        for name, value in self.access.headers.items():
            headers.pop(lowered.get(name.lower(), name), None)
            headers[name] = value
        if self.access.cookies:
            key = lowered.get("cookie", "cookie")
            sent = headers.get(key, "")
            have = {part.split("=", 1)[0].strip() for part in sent.split(";") if part.strip()}
            missing = [f"{name}={value}" for name, value in self.access.cookies.items() if name not in have]
            if missing:
                headers[key] = "; ".join([sent, *missing] if sent else missing)
        return headers


async def seed_cookies(page: Page, access: SiteAccess, url: str) -> None:
    """The site's cookies in the page's browser context, for the audited host only."""
    if access.cookies:
        await page.context.add_cookies([{"name": n, "value": v, "url": url} for n, v in access.cookies.items()])
