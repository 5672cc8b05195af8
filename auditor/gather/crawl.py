"""Run the site spider in Scrapy and turn what it yields into SiteArtifacts."""

from __future__ import annotations

import os
import socket
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from scrapy import signals
from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings

from auditor.artifacts import SiteArtifacts, SiteInfo
from auditor.config.settings import CHROMIUM_ENV, AuditConfig, chromium_path
from auditor.config.usage import check_url
from auditor.domains import host_of, registrable_domain
from auditor.errors import ConfigError, SiteError
from auditor.gather.assemble import CrawlOutcome, assemble
from auditor.gather.extract.findings import PageFindings
from auditor.gather.scope import Scope


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
        "CONTACT_AUDIT_RENDER_BUDGET": crawl.render_budget,
        "CONTACT_AUDIT_RENDER_SETTLE_MS": crawl.settle_ms,
        "DOWNLOAD_DELAY": crawl.delay,
        "CONCURRENT_REQUESTS_PER_DOMAIN": crawl.concurrency,
        "DOWNLOAD_TIMEOUT": crawl.timeout,
        # Scrapy's own bound on the crawl: past it the spider closes and the run is partial.
        "CLOSESPIDER_TIMEOUT": crawl.time_budget,
        "PLAYWRIGHT_DEFAULT_NAVIGATION_TIMEOUT": int(crawl.timeout * 1000),
        "PLAYWRIGHT_LAUNCH_OPTIONS": launch,
        "LOG_FILE": str(log_file) if log_file else None,
        "LOG_ENABLED": log_file is not None,
    }
    if url is not None:
        from spiders.rendering import BrowserRequests  # imported late, as the spider is

        overrides["PLAYWRIGHT_ABORT_REQUEST"] = BrowserRequests(Scope(url))
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


def crawl_site(
    url: str,
    config: AuditConfig,
    *,
    log_file: Path | None = None,
    run_dir: Path | None = None,
    on_progress: Callable[[int, int, int], None] | None = None,
) -> SiteArtifacts:
    """Crawl one site. Raises SiteError (with the partial artifacts attached) when it cannot be audited."""
    from spiders.site import SiteSpider  # imported late: it pulls in the reactor-bound handler

    url = check_url(url)
    if config.crawl.render and not Path(chromium_path(config)).exists():
        raise ConfigError(
            f"Chromium was not found at {chromium_path(config)}; install Debian's chromium package, "
            f"set {CHROMIUM_ENV}, or audit without rendering (--no-render)"
        )
    started = now()
    unreachable = why_unreachable(url, min(float(config.crawl.timeout), 10.0))
    if unreachable is not None:
        domain = registrable_domain(host_of(url))
        info = SiteInfo(url=url, domain=domain, started_at=started, finished_at=now(), partial=True)
        raise SiteError(f"{url} could not be audited: {unreachable}", SiteArtifacts(site=info, warnings=[unreachable]))
    settings = scrapy_settings(config, log_file, url)
    settings.set("LOG_INSTALL_ROOT_HANDLER", log_file is not None, priority="cmdline")
    # Screenshots of chat widgets go into the run directory, beside the reports.
    settings.set("CONTACT_AUDIT_RUN_DIR", str(run_dir) if run_dir else None, priority="cmdline")
    process = CrawlerProcess(settings)
    crawler = process.create_crawler(SiteSpider)
    findings: list[PageFindings] = []
    close_reason: list[str] = []
    crawler.signals.connect(lambda item, **_: findings.append(item), signal=signals.item_scraped, weak=False)
    crawler.signals.connect(lambda reason, **_: close_reason.append(reason), signal=signals.spider_closed, weak=False)
    process.crawl(crawler, url=url, on_progress=on_progress)
    process.start()
    spider = crawler.spider
    assert isinstance(spider, SiteSpider)
    seen = CrawlOutcome(
        url=url,
        home_url=spider.home_url,
        findings=findings,
        waiting=list(spider.plan.pending()),
        close_reason=close_reason[0] if close_reason else "",
        warnings=list(spider.warnings),
        fatal=spider.fatal,
        started_at=started,
        finished_at=now(),
        time_budget=config.crawl.time_budget,
    )
    return assemble(seen)
