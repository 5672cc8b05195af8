"""Run the site spider in Scrapy and turn what it yields into SiteArtifacts."""

from __future__ import annotations

import os
import signal
import socket
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from scrapy import Spider, signals
from scrapy.crawler import Crawler, CrawlerProcess, CrawlerRunner
from scrapy.settings import Settings
from twisted.internet.defer import Deferred

from auditor.artifacts import SiteArtifacts, SiteInfo
from auditor.config.access import resolve_access
from auditor.config.settings import CHROMIUM_ENV, AuditConfig, chromium_path
from auditor.config.usage import check_url
from auditor.domains import host_of, registrable_domain
from auditor.errors import ConfigError, SiteError
from auditor.gather.assemble import CrawlOutcome, assemble
from auditor.gather.extract.findings import PageFindings
from auditor.gather.scope import Scope

if TYPE_CHECKING:
    from spiders.browsers import PrintJob


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def scrapy_settings(config: AuditConfig, log_file: Path | None, url: str | None = None) -> Settings:
    settings = Settings()
    settings.setmodule("spiders.settings", priority="project")
    crawl = config.crawl
    launch = dict(settings.getdict("PLAYWRIGHT_LAUNCH_OPTIONS"))
    launch["executable_path"] = chromium_path(config)
    overrides: dict[str, Any] = {
        "CONTACT_AUDIT_MAX_PAGES": crawl.max_pages,
        "CONTACT_AUDIT_MAX_DEPTH": crawl.max_depth,
        "CONTACT_AUDIT_RENDER": crawl.render,
        "CONTACT_AUDIT_RENDER_BUDGET": crawl.max_pages if crawl.render_budget is None else crawl.render_budget,
        "CONTACT_AUDIT_RENDER_SETTLE_MS": crawl.settle_ms,
        "DOWNLOAD_DELAY": crawl.delay,
        "CONCURRENT_REQUESTS_PER_DOMAIN": crawl.concurrency,
        # Polite to a struggling site: Scrapy's AutoThrottle lengthens the pause as the
        # site's answers slow down (latency / concurrency), never below `delay`, at most
        # 10 s; `delay = 0` (a site of one's own, a benchmark) turns it off.
        "AUTOTHROTTLE_ENABLED": crawl.throttle and crawl.delay > 0,
        "AUTOTHROTTLE_START_DELAY": crawl.delay,
        "AUTOTHROTTLE_MAX_DELAY": max(10.0, crawl.delay),
        "AUTOTHROTTLE_TARGET_CONCURRENCY": float(crawl.concurrency),
        # The browser renders as many of the site's pages at once as the crawl fetches.
        "PLAYWRIGHT_MAX_PAGES_PER_CONTEXT": crawl.concurrency,
        "DOWNLOAD_TIMEOUT": crawl.timeout,
        # Scrapy's own bound on the crawl: past it the spider closes and the run is partial.
        "CLOSESPIDER_TIMEOUT": crawl.time_budget,
        "PLAYWRIGHT_DEFAULT_NAVIGATION_TIMEOUT": int(crawl.timeout * 1000),
        "PLAYWRIGHT_LAUNCH_OPTIONS": launch,
        "LOG_FILE": str(log_file) if log_file else None,
        "LOG_ENABLED": log_file is not None,
    }
    if config.access.ignore_robots_txt:
        overrides["ROBOTSTXT_OBEY"] = False
    if url is not None:
        from spiders.access import AccessHeaders  # imported late, as the spider is
        from spiders.rendering import BrowserRequests

        scope = Scope(url)
        overrides["PLAYWRIGHT_ABORT_REQUEST"] = BrowserRequests(scope)
        access = resolve_access(config.access, os.environ)
        if access.headers or access.cookies:
            overrides["CONTACT_AUDIT_ACCESS"] = access
            overrides["DOWNLOADER_MIDDLEWARES"] = {
                **settings.getdict("DOWNLOADER_MIDDLEWARES"),
                "spiders.access.AccessMiddleware": 650,
            }
            overrides["PLAYWRIGHT_PROCESS_REQUEST_HEADERS"] = AccessHeaders(access, scope)
    if not crawl.render:
        # Without rendering no request needs a browser: Scrapy's own handler, and no
        # Playwright driver started for nothing.
        overrides["DOWNLOAD_HANDLERS"] = {
            "http": "scrapy.core.downloader.handlers.http11.HTTP11DownloadHandler",
            "https": "scrapy.core.downloader.handlers.http11.HTTP11DownloadHandler",
        }
    settings.setdict(overrides, priority="cmdline")
    return settings


def why_unreachable(url: str, timeout: float) -> str | None:
    """Why the site's host cannot be reached at all, or None; asked before a crawler or a
    browser starts, so a refusing or unknown host fails in a moment. Behind a proxy the
    crawl's own requests decide."""
    if any(os.environ.get(name) for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY")):
        return None
    parts = urlsplit(url)
    host = parts.hostname or ""
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        addresses = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        return f"the host name {host} could not be resolved (DNS lookup failed)"
    reason = f"{host} could not be reached"
    for family, kind, protocol, _, address in addresses:
        try:
            with socket.socket(family, kind, protocol) as connection:
                connection.settimeout(timeout)
                connection.connect(address)
                return None
        except ConnectionRefusedError:
            reason = f"the connection to {host} was refused"
        except TimeoutError:
            reason = f"{host} did not answer in time"
        except OSError as error:
            reason = f"{host} could not be reached ({error.strerror or error})"
    return reason


def _refuse(url: str, config: AuditConfig) -> str:
    """The URL to crawl, after what can be refused before a crawler starts."""
    url = check_url(url)
    if config.crawl.render and not Path(chromium_path(config)).exists():
        raise ConfigError(
            f"Chromium was not found at {chromium_path(config)}; install Debian's chromium package, "
            f"set {CHROMIUM_ENV}, or audit without rendering (--no-render)"
        )
    return url


def _unreachable(url: str, started: str, unreachable: str) -> SiteError:
    domain = registrable_domain(host_of(url))
    info = SiteInfo(url=url, domain=domain, started_at=started, finished_at=now(), partial=True)
    return SiteError(f"{url} could not be audited: {unreachable}", SiteArtifacts(site=info, warnings=[unreachable]))


class SiteCrawl:
    """One crawl of one site, from its settings to what it saw: shared by a single audit
    (its own reactor) and a batch (many crawls in one reactor, one shared browser)."""

    def __init__(
        self,
        url: str,
        config: AuditConfig,
        *,
        log_file: Path | None = None,
        run_dir: Path | None = None,
        shared_browser: bool = False,
    ) -> None:
        self.url = _refuse(url, config)
        self.config = config
        self.started = now()
        self.settings = scrapy_settings(config, log_file, self.url)
        self.settings.set("LOG_INSTALL_ROOT_HANDLER", log_file is not None and not shared_browser, priority="cmdline")
        # Screenshots of chat widgets go into the run directory, beside the reports.
        self.settings.set("CONTACT_AUDIT_RUN_DIR", str(run_dir) if run_dir else None, priority="cmdline")
        if shared_browser:
            self.share_browser()
        self.findings: list[PageFindings] = []
        self.close_reason: list[str] = []

    def share_browser(self) -> None:
        """Render in the process's one browser (spiders.browsers), which outlives the crawl."""
        self.settings.set("PLAYWRIGHT_BROWSER_PROVIDER", "spiders.browsers.SharedBrowser", priority="cmdline")

    def unreachable(self) -> SiteError | None:
        """Asked before the crawler starts: the error for a host that cannot be reached at all."""
        reason = why_unreachable(self.url, min(float(self.config.crawl.timeout), 10.0))
        return None if reason is None else _unreachable(self.url, self.started, reason)

    def watch(self, crawler: Crawler) -> Crawler:
        crawler.signals.connect(lambda item, **_: self.findings.append(item), signal=signals.item_scraped, weak=False)
        crawler.signals.connect(
            lambda reason, **_: self.close_reason.append(reason), signal=signals.spider_closed, weak=False
        )
        return crawler

    def spider_class(self) -> type[Spider]:
        from spiders.site import SiteSpider  # imported late: it pulls in the reactor-bound handler

        return SiteSpider

    def outcome(self, crawler: Crawler) -> SiteArtifacts:
        """The site's artifacts once the crawler has closed (raises SiteError as assemble does)."""
        from spiders.site import SiteSpider

        spider = crawler.spider
        assert isinstance(spider, SiteSpider)
        seen = CrawlOutcome(
            url=self.url,
            home_url=spider.home_url,
            findings=self.findings,
            waiting=list(spider.plan.pending()),
            not_found_views=set(spider.not_found_views),
            close_reason=self.close_reason[0] if self.close_reason else "",
            warnings=[*spider.warnings, *spider.plan_warnings()],
            incomplete=spider.shells_over_budget > 0,
            fatal=spider.fatal,
            started_at=self.started,
            finished_at=now(),
            time_budget=self.config.crawl.time_budget,
        )
        return assemble(seen)


def crawl_site(
    url: str,
    config: AuditConfig,
    *,
    log_file: Path | None = None,
    run_dir: Path | None = None,
    on_progress: Callable[[int, int, int], None] | None = None,
    on_page: Callable[[str, bool], None] | None = None,
    keep_browser: bool = False,
) -> SiteArtifacts:
    """Crawl one site. Raises SiteError (with the partial artifacts attached) when it cannot be audited.

    With `keep_browser`, the browser the crawl rendered with stays up once it is done, for
    the PDF (`lend_browser`), until `close_browser`. `on_page` is told each page as it
    arrives: its URL, and whether Chromium rendered it."""
    crawl = SiteCrawl(url, config, log_file=log_file, run_dir=run_dir)
    refused = crawl.unreachable()
    if refused is not None:
        raise refused
    if keep_browser:
        crawl.share_browser()
    process = CrawlerProcess(crawl.settings)
    crawler = crawl.watch(process.create_crawler(crawl.spider_class()))
    if on_page is not None:
        tell = on_page

        def arrived(response: Any, request: Any, **_: Any) -> None:
            # A page, not a redirect on the way to one, robots.txt or a script the render plan reads.
            if "page_depth" in request.meta and not 300 <= response.status < 400:
                tell(request.url, bool(request.meta.get("playwright")))

        crawler.signals.connect(arrived, signal=signals.response_received, weak=False)
    process.crawl(crawler, url=crawl.url, on_progress=on_progress)
    with _own_signal_handlers():
        process.start()
    return crawl.outcome(crawler)


@contextmanager
def _own_signal_handlers() -> Iterator[None]:
    """Scrapy and Twisted take Ctrl-C over for the crawl (a graceful stop that keeps the
    pages so far) and leave their handlers behind; once the crawl is over, Ctrl-C
    interrupts the judging and the reports as before it began."""
    if threading.current_thread() is not threading.main_thread():
        yield  # only the main thread handles signals; a crawl run elsewhere installs none
        return
    saved = {number: signal.getsignal(number) for number in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for number, handler in saved.items():
            if handler is not None:  # None: a handler not set from Python, which we leave as it is
                signal.signal(number, handler)


def crawl_in(
    runner: CrawlerRunner, crawl: SiteCrawl, on_crawler: Callable[[Crawler], None] | None = None
) -> Deferred[SiteArtifacts]:
    """Run `crawl` in a reactor that is already running (a batch's); fires with the artifacts."""
    crawler = crawl.watch(Crawler(crawl.spider_class(), crawl.settings))
    if on_crawler is not None:
        on_crawler(crawler)
    done: Deferred[None] = runner.crawl(crawler, url=crawl.url)
    return done.addCallback(lambda _: crawl.outcome(crawler))


def lend_browser(job: PrintJob) -> bytes | None:
    """Run `job` in the browser a `keep_browser` crawl left up; None when there is none."""
    from spiders.browsers import SharedBrowser

    return SharedBrowser.lend_after_crawl(job)


def shared_browser_lender() -> Callable[[PrintJob], bytes | None]:
    """In a batch's reactor thread: what its report threads call to print in the shared browser."""
    from spiders.browsers import SharedBrowser

    return SharedBrowser.lender()


def close_browser() -> None:
    """Close the browser a `keep_browser` crawl left up (nothing when there is none)."""
    from spiders.browsers import SharedBrowser

    SharedBrowser.close_after_crawl()


def close_shared_browser() -> Deferred[None]:
    """Close the browser the crawls of a batch shared (in the running reactor)."""
    from scrapy.utils.defer import deferred_from_coro

    from spiders.browsers import SharedBrowser

    return deferred_from_coro(SharedBrowser.shutdown())
