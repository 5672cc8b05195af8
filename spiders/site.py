"""The site spider: discovers pages over plain HTTP, renders the ones that matter."""

from __future__ import annotations

import hashlib
from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any, cast
from urllib.parse import urljoin, urlsplit

import scrapy
from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares import cookies as scrapy_cookies
from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadConnectionRefusedError,
    DownloadTimeoutError,
    IgnoreRequest,
    StopDownload,
)
from scrapy.http import Response, TextResponse
from scrapy.spidermiddlewares.httperror import HttpError
from tldextract import TLDExtract
from twisted.internet import error as net_error
from twisted.python.failure import Failure
from w3lib.url import canonicalize_url

from auditor.artifacts import Link, Location, Page
from auditor.domains import host_of, registrable_domain, same_site
from auditor.gather.extract.chat import find_in_html, from_probe, live_widgets, vendors
from auditor.gather.extract.chat.placement import add_mobile, mark_measured
from auditor.gather.extract.decoding import MAX_HTML_BYTES, decode_html
from auditor.gather.extract.dom import parse
from auditor.gather.extract.findings import PageFindings
from auditor.gather.extract.page import extract_page, link_to
from auditor.gather.extract.words import route_of
from auditor.gather.scope import Scope
from spiders.chat_inspect import InspectPlan
from spiders.guard import OutOfScopeError, PageBudgetSpentError
from spiders.render_plan import FAILED_PAGE, Decision, RenderPlan
from spiders.rendering import MOBILE_USER_AGENT, chat_result, page_slug, render_meta, routes_result
from spiders.routes import RouteDiscovery

# Scrapy's cookies middleware asks tldextract for public suffixes with its defaults, which
# download the list from publicsuffix.org the first time a site sets a cookie: the audit
# keeps to the bundled snapshot and sends nothing to any host but the audited site.
scrapy_cookies._split_domain = TLDExtract(include_psl_private_domains=True, suffix_list_urls=(), cache_dir=None)

MAX_ENTRY_REDIRECTS = 5
# Pages of one path that differ only in their query (`/cal?month=7`): a calendar or a filter
# is a crawl trap; this many tell what the path shows, the page budget goes to other paths.
MAX_QUERY_VARIANTS = 10
# Links queued per page of the budget: the best of them (contact-like, shallow) are fetched.
QUEUE_FACTOR = 3
# The site's own scripts read for page names: enough for any real site's bundles.
MAX_SCRIPTS = 50
MAX_SCRIPT_BYTES = 2_000_000
ProgressCallback = Callable[[int, int, int], None]


def _is(failure: Failure, *kinds: type[BaseException]) -> bool:
    return failure.check(*kinds) is not None  # type: ignore[no-untyped-call]


def describe_failure(failure: Failure, url: str) -> str:
    """One sentence a user understands for why a request failed."""
    host = host_of(url)
    if _is(failure, net_error.DNSLookupError, CannotResolveHostError):
        return f"the host name {host} could not be resolved (DNS lookup failed)"
    if _is(failure, net_error.ConnectionRefusedError, DownloadConnectionRefusedError):
        return f"the connection to {host} was refused"
    if _is(failure, net_error.TimeoutError, net_error.TCPTimedOutError, DownloadTimeoutError):
        return f"{host} did not answer in time"
    message = failure.getErrorMessage().strip().splitlines()
    return f"{url} failed: {message[0] if message else 'unknown error'}"


class SiteSpider(scrapy.Spider):
    """Crawls one company site and yields a PageFindings item per page."""

    name = "site"

    def __init__(self, url: str, on_progress: ProgressCallback | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.start_url = url
        self.domain = registrable_domain(host_of(url))
        self.allowed_domains = [self.domain]
        self.scope = Scope(url)
        self.on_progress = on_progress
        self.fatal: str | None = None
        self.warnings: list[str] = []
        # Pages queued so far, by `_key`.
        self.seen: set[str] = set()
        self.pages_done = 0
        # Pages read so far, by their final URL: two links that redirect to one page read it once.
        self.parsed: set[str] = set()
        self.pages_rendered = 0
        self.renders_requested = 0
        self.screenshot_slugs: dict[str, str] = {}
        self.home_url = url
        self._plan: RenderPlan | None = None
        self.scripts_requested: set[str] = set()
        self.discovery = RouteDiscovery()
        self.query_variants: dict[str, int] = {}
        self.pages_admitted = 0
        self.over_budget = 0
        self.shells_over_budget = 0
        # What the site shows for a URL that does not exist, when it answers it with 200.
        self.not_found_views: set[str] = set()
        self._probed: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> SiteSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        crawler.signals.connect(spider.bytes_received, signal=signals.bytes_received)
        return spider

    def admit(self, request: scrapy.Request) -> bool:
        """Whether a page request may be fetched: the home page and the first `max_pages`
        pages the queue gives out (a redirect's next hop is the same page)."""
        if not request.meta.get("page_request") or "redirect_urls" in request.meta:
            return True
        if self.pages_admitted >= self.settings.getint("CONTACT_AUDIT_MAX_PAGES") - 1:
            return False
        self.pages_admitted += 1
        return True

    def bytes_received(self, data: bytes, request: scrapy.Request, spider: Any = None) -> None:
        """A page longer than what is audited of it stops downloading there, and is audited."""
        received = int(request.meta.get("received_bytes", 0)) + len(data)
        request.meta["received_bytes"] = received
        if received > MAX_HTML_BYTES and not request.meta.get("playwright"):
            raise StopDownload(fail=False)

    @property
    def plan(self) -> RenderPlan:
        """The rendering plan, made from the crawl's settings the first time it is needed."""
        if self._plan is None:
            self._plan = RenderPlan(
                enabled=self.settings.getbool("CONTACT_AUDIT_RENDER"),
                budget=self.settings.getint("CONTACT_AUDIT_RENDER_BUDGET"),
            )
        return self._plan

    def _progress(self) -> None:
        if self.on_progress:
            queued = len(self.seen) - self.pages_done
            self.on_progress(self.pages_done, self.pages_rendered, max(queued, 0))

    async def start(self) -> AsyncIterator[scrapy.Request]:
        if not self.settings.getbool("ROBOTSTXT_OBEY"):
            self.warnings.append(
                "robots.txt was not obeyed (--ignore-robots-txt, access.ignore_robots_txt), as the site's owner asked"
            )
        self.seen.add(_key(self.start_url))
        yield self._entry_request(self.start_url, hops=0)

    def _entry_request(self, url: str, hops: int) -> scrapy.Request:
        # The first page's redirects are followed by hand, so that a redirect to
        # another site is reported instead of silently dropped.
        return scrapy.Request(
            url,
            callback=self.parse_entry,
            errback=self.entry_failed,
            dont_filter=True,
            meta={"dont_redirect": True, "handle_httpstatus_all": True, "hops": hops, "page_depth": 0},
        )

    def parse_entry(self, response: Response) -> Iterator[Any]:
        location = response.headers.get(b"Location")
        if 300 <= response.status < 400 and location:
            target = urljoin(response.url, location.decode("latin-1"))
            if not same_site(target, self.domain):
                self.fatal = f"{response.url} redirects to {target}, which is another site ({host_of(target)})"
                return
            if not self.scope.allows(target):
                self.fatal = f"{response.url} redirects to {target}, which is outside the audited site (another port)"
                return
            if response.meta["hops"] >= MAX_ENTRY_REDIRECTS:
                self.fatal = f"{self.start_url} redirects more than {MAX_ENTRY_REDIRECTS} times"
                return
            self.home_url = target
            self.seen.add(_key(target))
            yield self._entry_request(target, response.meta["hops"] + 1)
            return
        if response.status >= 400:
            self.fatal = f"the home page {response.url} answered HTTP {response.status}"
        yield from self.parse_page(response)

    def entry_failed(self, failure: Failure) -> None:
        request = getattr(failure, "request", None)
        url = request.url if request is not None else self.start_url
        if _is(failure, IgnoreRequest):
            self.fatal = (
                f"robots.txt of {host_of(url)} does not allow auditing {url}"
                " (for your own site, a staging server: --ignore-robots-txt)"
            )
        else:
            self.fatal = describe_failure(failure, url)

    def _decide(self, findings: PageFindings, raw_html: str) -> Decision:
        page = findings.page
        home = page.depth == 0 or page.url == self.home_url
        # Scanning the raw HTML for every vendor's signals is only worth it when nothing else decided.
        decided = home or page.is_contact_page or bool(findings.channels.chat_widgets) or findings.app_shell
        vendor_code = not decided and any(signal in raw_html for v in vendors() for signal in v.url_signals)
        return self.plan.decide(findings, home=home, vendor_code=vendor_code)

    def _apply(self, findings: PageFindings, decision: Decision) -> Iterator[Any]:
        """Render the page, or keep its raw HTML, as the plan decided."""
        findings.page.render_reason = decision.reason
        if decision.over_budget:
            self.over_budget += 1
            self.shells_over_budget += findings.app_shell
        if decision.render:
            self.renders_requested += 1
            yield self._render_request(
                findings.page.url, "desktop", {"raw": findings, "page_depth": findings.page.depth}
            )
        elif not decision.wait:
            yield from self._finish(findings)

    def plan_warnings(self) -> list[str]:
        """What the rendering plan could not do, for the report."""
        if not self.over_budget:
            return []
        said = (
            f"the render budget ({self.plan.budget} pages, crawl.render_budget) was spent: {self.over_budget} pages"
            " that rendering could have changed were audited from their raw HTML"
        )
        if self.shells_over_budget:
            said += (
                f", {self.shells_over_budget} of them app-shell routes whose contacts and links only rendering"
                " shows; results are partial (raise crawl.render_budget)"
            )
        return [said]

    def _released(self, raw: PageFindings, rendered: PageFindings | None) -> Iterator[Any]:
        """The pages that waited for this page's rendering, rendered or kept as the plan now says."""
        for findings, decision in self.plan.learn(raw, rendered):
            yield from self._apply(findings, decision)

    def parse_page(self, response: Response) -> Iterator[Any]:
        depth = int(response.meta.get("page_depth", 0))
        url = _page_url(response)
        referrer = response.meta.get("referrer")
        if url in self.parsed:
            # Another link redirected here (`/app` -> `/app/`): the page is already audited.
            self.pages_done += 1
            self._progress()
            return
        self.parsed.add(url)
        if not isinstance(response, TextResponse):
            page = Page(
                url=url,
                status=response.status,
                depth=depth,
                referrer=referrer,
                warnings=["not an HTML page; skipped"],
            )
            yield from self._finish(PageFindings(page=page))
            return
        # Our own decoding: servers mislabel encodings and serve images as text/html.
        decoded = decode_html(
            response.body, response.headers.get(b"Content-Type"), stopped="download_stopped" in response.flags
        )
        if decoded.cut:
            # A page cut to what is audited of it: the report says so, not only the page.
            self.warnings.append(f"{url}: {decoded.cut}")
        if decoded.text is None:
            page = Page(url=url, status=response.status, depth=depth, referrer=referrer)
            page.warnings = decoded.warnings
            yield from self._finish(PageFindings(page=page))
            return
        try:
            findings = extract_page(decoded.text, url, domain=self.domain, status=response.status, depth=depth)
        except Exception as error:  # hostile or broken markup must not stop the crawl
            page = Page(
                url=url,
                status=response.status,
                depth=depth,
                referrer=referrer,
                warnings=[f"page could not be parsed: {type(error).__name__}"],
            )
            yield from self._finish(PageFindings(page=page))
            return
        findings.page.referrer = referrer
        findings.page.link_text = str(response.meta.get("link_text") or "")
        findings.page.warnings.extend(decoded.warnings)
        if depth == 0 and self.fatal is None and not decoded.text.strip():
            self.fatal = f"the home page {url} is empty (HTTP {response.status}, {len(response.body)} bytes)"
        if self.fatal is not None:
            # A home page that failed: its links are not the site's (an error page's, or none).
            yield from self._finish(findings)
            return
        yield from self._follow(findings, depth)
        yield from self._fetch_scripts(findings, url)
        if response.status >= 400:
            findings.page.render_reason = FAILED_PAGE
            yield from self._finish(findings)
            return
        if depth == 0:
            yield from self._probe_not_found(findings.page.url, "path")
        yield from self._apply(findings, self._decide(findings, decoded.text))

    def _probe_not_found(self, url: str, kind: str) -> Iterator[scrapy.Request]:
        """Ask once for a URL that cannot exist (a path, or a hash route): a site that
        answers it with 200 shows there the view every broken link of its shows."""
        if kind in self._probed:
            return
        self._probed.add(kind)
        token = "contact-audit-missing-" + hashlib.sha1(self.home_url.encode()).hexdigest()[:10]
        if kind == "path":
            yield scrapy.Request(
                urljoin(url, token),
                callback=self.parse_not_found,
                errback=self.not_found_failed,
                priority=250,
                meta={"dont_redirect": True, "handle_httpstatus_all": True},
            )
        elif self.plan.enabled:
            prefix = "#!/" if "#!/" in url else "#/"
            yield self._render_request(f"{url.split('#', 1)[0]}{prefix}{token}", "desktop", {}, probe=True)

    def parse_not_found(self, response: Response) -> Iterator[scrapy.Request]:
        if response.status != 200 or not isinstance(response, TextResponse):
            return  # the server says when a page does not exist
        decoded = decode_html(response.body, response.headers.get(b"Content-Type"))
        if decoded.text is None:
            return
        findings = extract_page(decoded.text, response.url, domain=self.domain, depth=1)
        if findings.app_shell:
            if self.plan.enabled:
                yield self._render_request(response.url, "desktop", {}, probe=True)
        elif findings.view:
            self.not_found_views.add(findings.view)

    def parse_not_found_rendered(self, response: Response) -> None:
        if not isinstance(response, TextResponse) or not self.scope.allows(response.url):
            return
        asked = response.request.url if response.request is not None else response.url
        findings = extract_page(response.text, asked, domain=self.domain, depth=1, rendered=True)
        if findings.view and not findings.blank:
            self.not_found_views.add(findings.view)

    def not_found_failed(self, failure: Failure) -> None:
        """A site that refuses a URL that does not exist needs no view to tell its broken links."""

    def _fetch_scripts(self, findings: PageFindings, url: str) -> Iterator[scrapy.Request]:
        """The site's own scripts, once each: the plan reads them for the pages they name."""
        if not self.plan.enabled:
            return
        scheme = urlsplit(url).scheme or "https"
        for part in sorted(findings.scripts):
            key = part[4:]
            if not part.startswith("src:") or key in self.scripts_requested:
                continue
            script_url = f"{scheme}://{key}"
            if not self.scope.allows(script_url) or len(self.scripts_requested) >= MAX_SCRIPTS:
                continue
            self.scripts_requested.add(key)
            yield scrapy.Request(
                script_url,
                callback=self.parse_script,
                errback=self.script_failed,
                priority=150,
                meta={"script_key": key},
            )

    def parse_script(self, response: Response) -> None:
        self.plan.add_script(response.meta["script_key"], response.body[:MAX_SCRIPT_BYTES].decode("utf-8", "replace"))

    def script_failed(self, failure: Failure) -> None:
        """A script that does not load names no page; the plan goes on without it."""

    def _render_request(self, url: str, viewport: str, meta: dict[str, Any], *, probe: bool = False) -> scrapy.Request:
        """Render `url`; a `probe` (the site's "not found" view) is not a page of the site:
        no screenshot, no clicks."""
        run_dir = None if probe else self.settings.get("CONTACT_AUDIT_RUN_DIR") or None
        plan = InspectPlan(
            settle_ms=self.settings.getint("CONTACT_AUDIT_RENDER_SETTLE_MS"),
            budget_ms=self.settings.getint("CONTACT_AUDIT_RENDER_PAGE_BUDGET_MS"),
            screenshot_dir=str(run_dir) if run_dir else None,
            screenshot_name=self._screenshot_name(url, viewport) if run_dir else None,
        )
        desktop = viewport == "desktop"
        discovery = self.discovery if desktop and not probe else None
        return scrapy.Request(
            url,
            callback=self.parse_not_found_rendered if probe else self.parse_rendered if desktop else self.parse_mobile,
            errback=self.not_found_failed if probe else self.render_failed if desktop else self.mobile_failed,
            dont_filter=True,
            meta={
                **render_meta(viewport, plan, discovery, self.settings.get("CONTACT_AUDIT_ACCESS")),
                # Renders queue in a slot of their own, as polite as the crawl's (the same
                # delay and concurrency): a page the browser waits on to settle does not
                # hold up the plain fetches, which go on meanwhile.
                "download_slot": f"{urlsplit(url).hostname or ''} (rendering)",
                **meta,
            },
            headers=None if desktop else {"User-Agent": MOBILE_USER_AGENT},
            priority=200,
        )

    def _screenshot_name(self, url: str, viewport: str) -> str:
        """`screenshots/<page>-<viewport>.png`, relative to the run directory; one name per page."""
        if url not in self.screenshot_slugs:
            base = slug = page_slug(url)
            taken = set(self.screenshot_slugs.values())
            number = 2
            while slug in taken:
                slug, number = f"{base}-{number}", number + 1
            self.screenshot_slugs[url] = slug
        return f"screenshots/{self.screenshot_slugs[url]}-{viewport}.png"

    def parse_rendered(self, response: Response) -> Iterator[Any]:
        raw: PageFindings = response.meta["raw"]
        assert isinstance(response, TextResponse)
        if not self.scope.allows(response.url):
            # A script or meta refresh took the browser to another site (or another service of
            # this host): what it shows there is not this site's. The page keeps its raw HTML.
            stopped = response.url.startswith("chrome-error:")  # the navigation was stopped before it left
            where = "to another site; stopped" if stopped else f"on to {response.url}, another site"
            raw.page.warnings.append(f"in the browser it goes {where}; not audited there")
            yield from self._released(raw, None)
            yield from self._finish(raw)
            return
        inspection = chat_result(response.meta)
        measured = None if inspection.get("error") else inspection
        routes = routes_result(response.meta)
        rendered = extract_page(
            routes["html"] or response.text,
            raw.page.url,
            domain=self.domain,
            status=raw.page.status or 200,
            depth=raw.page.depth,
            rendered=True,
            rendered_widgets=from_probe(measured["widgets"], measured["requests"], measured["failures"])
            if measured
            else None,
        )
        rendered.page.referrer = raw.page.referrer
        rendered.page.link_text = raw.page.link_text
        rendered.page.render_reason = raw.page.render_reason
        self.pages_rendered += 1
        router = self._add_routes(rendered, routes)
        _mark_rendered_only(raw, rendered)
        _note_inspection(rendered, inspection, "desktop")
        # Rendered DOM holds the scripts a loader injected; the served HTML says how
        # many times the site itself embeds the widget.
        embedded = {w.vendor_id: w.instances for w in raw.channels.chat_widgets}
        for widget in rendered.channels.chat_widgets:
            widget.instances = max(widget.instances, embedded.get(widget.vendor_id, 1))
        yield from self._follow(rendered, raw.page.depth, router)
        yield from self._released(raw, rendered)
        if self._wants_mobile(rendered):
            yield self._render_request(raw.page.url, "mobile", {"rendered": rendered})
            return
        yield from self._finish(rendered)

    def _wants_mobile(self, rendered: PageFindings) -> bool:
        """A second, phone-sized rendering only where it can tell something: pages with
        a widget, and a home page that runs scripts (a script may add a widget only on
        phones; a page without any script shows on a phone what its HTML holds)."""
        if not self.settings.getbool("CONTACT_AUDIT_RENDER_MOBILE"):
            return False
        if rendered.channels.chat_widgets:
            return True
        home = rendered.page.url == self.home_url or rendered.page.depth == 0
        return home and bool(rendered.scripts or rendered.hooks)

    def parse_mobile(self, response: Response) -> Iterator[Any]:
        rendered: PageFindings = response.meta["rendered"]
        inspection = chat_result(response.meta)
        if inspection.get("error"):
            rendered.page.warnings.append(f"chat widgets could not be measured on mobile: {inspection['error']}")
        else:
            found = from_probe(inspection["widgets"], inspection["requests"], inspection["failures"])
            found, _ = (
                live_widgets(find_in_html(parse(response.text)), found)
                if isinstance(response, TextResponse)
                else (found, [])
            )
            rendered.channels.chat_widgets = add_mobile(rendered.channels.chat_widgets, found, rendered.page.url)
        yield from self._finish(rendered)

    def mobile_failed(self, failure: Failure) -> Iterator[Any]:
        rendered: PageFindings = failure.request.meta["rendered"]  # type: ignore[attr-defined]
        rendered.page.warnings.append(f"could not be rendered in a mobile viewport: {_reason(failure)}")
        yield from self._finish(rendered)

    def render_failed(self, failure: Failure) -> Iterator[Any]:
        raw: PageFindings = failure.request.meta["raw"]  # type: ignore[attr-defined]
        raw.page.warnings.append(f"could not be rendered in Chromium: {_reason(failure)}")
        self.warnings.append(f"{raw.page.url} could not be rendered; its raw HTML was audited instead")
        yield from self._released(raw, None)
        yield from self._finish(raw)

    def page_failed(self, failure: Failure) -> Iterator[Any]:
        """A page that did not load is kept, with what led to it, so checks can judge
        the link; only pages robots.txt forbids are dropped."""
        request = failure.request  # type: ignore[attr-defined]
        page = Page(
            # The URL the link named, not the redirect that failed.
            url=(request.meta.get("redirect_urls") or [request.url])[0],
            depth=int(request.meta.get("page_depth", 0)),
            referrer=request.meta.get("referrer"),
            link_text=str(request.meta.get("link_text") or ""),
        )
        # HttpError and OutOfScopeError are IgnoreRequests too: told apart before robots.txt refusals.
        if _is(failure, HttpError):
            page.status = failure.value.response.status  # type: ignore[union-attr]
        elif _is(failure, OutOfScopeError):
            page.error = f"it redirects to {request.url}, outside the audited site; not followed"
        elif _is(failure, PageBudgetSpentError) or (_is(failure, IgnoreRequest) and "robots.txt" in str(failure.value)):
            self.seen.discard(_key(request.url))
            self._progress()
            return
        elif _is(failure, IgnoreRequest):
            page.error = _ignored(str(failure.value))
        else:
            page.error = describe_failure(failure, request.url)
        yield from self._finish(PageFindings(page=page))

    def _add_routes(self, rendered: PageFindings, routes: dict[str, Any]) -> list[Link]:
        """What the browser showed beyond the page's links: elements without `href` that
        lead to a route and links a click revealed become the page's links; routes its
        router took on its own are given back, to be followed without being links."""
        page = rendered.page
        known = {(link.url, link.location) for link in page.links}
        for found in [*routes.get("clicked", []), *routes.get("revealed", [])]:
            link = link_to(str(found["url"]), str(found.get("text") or ""), cast(Location, found["where"]), self.domain)
            if link is not None and link.url != page.url and (link.url, link.location) not in known:
                known.add((link.url, link.location))
                page.links.append(link)
        return [
            link
            for url in routes.get("routes", [])
            if (link := link_to(str(url), "", "main", self.domain)) is not None and link.url != page.url
        ]

    def _follow(self, findings: PageFindings, depth: int, router: list[Link] | None = None) -> Iterator[scrapy.Request]:
        """Queue the page's links, contact-like ones first, then the routes its router took
        (`router`), within the page and depth caps."""
        max_pages = self.settings.getint("CONTACT_AUDIT_MAX_PAGES")
        if depth + 1 > self.settings.getint("CONTACT_AUDIT_MAX_DEPTH"):
            return
        for link in [*sorted(findings.page.links, key=lambda lk: not lk.contact_like), *(router or [])]:
            if route_of(urlsplit(link.url).fragment) is not None:
                yield from self._probe_not_found(link.url, "hash")
            # More links are queued than pages fetched: the queue's order (contact-like links
            # first) decides which `max_pages` are fetched (`admit`), not the order links came in.
            if _key(link.url) in self.seen or len(self.seen) >= max_pages * QUEUE_FACTOR:
                continue
            if not self.scope.allows(link.url):
                # Another port of the site's host, or an internal address: another service.
                continue
            parts = urlsplit(link.url)
            if parts.query:
                path = f"{parts.netloc}{parts.path}"
                if self.query_variants.get(path, 0) >= MAX_QUERY_VARIANTS:
                    continue
                self.query_variants[path] = self.query_variants.get(path, 0) + 1
            self.seen.add(_key(link.url))
            yield scrapy.Request(
                link.url,
                callback=self.parse_page,
                errback=self.page_failed,
                # Scrapy's duplicate filter ignores fragments: a hash route would be the page itself.
                # Our own `seen` filters links; Scrapy's filter would drop a redirect loop's
                # second visit without a word (and ignores fragments: a hash route).
                dont_filter=True,
                priority=100 if link.contact_like else 0,
                meta={
                    "page_depth": depth + 1,
                    "referrer": findings.page.url,
                    "link_text": link.text,
                    "page_request": True,
                },
            )
        self._progress()

    def _finish(self, findings: PageFindings) -> Iterator[PageFindings]:
        self.pages_done += 1
        self._progress()
        yield findings


def _key(url: str) -> str:
    """A URL as the crawl's filter knows it: the same query in another order is the same page."""
    return canonicalize_url(url, keep_fragments=True)


def _page_url(response: Response) -> str:
    """The page's URL, with the hash route it was asked for (`/#/faq`): a server never sees
    the fragment, so the response's URL has lost it."""
    asked = urlsplit(response.request.url if response.request is not None else response.url)
    if asked.fragment and "#" not in response.url:
        return f"{response.url}#{asked.fragment}"
    return response.url


def _ignored(message: str) -> str:
    """Why Scrapy gave up on a page, said for a reader."""
    if "max redirections" in message:
        return "it redirects too many times (a redirect loop or an endless chain)"
    if "download max size" in message:
        return "it is larger than the size limit once decompressed (a compression bomb?); not read"
    return message or "the request was dropped"


def _reason(failure: Failure) -> str:
    message = failure.getErrorMessage().strip().splitlines()
    return message[0] if message else failure.type.__name__ if failure.type else "unknown error"


def _note_inspection(findings: PageFindings, inspection: dict[str, Any], viewport: str) -> None:
    """Widgets whose code is on the page but drew nothing get a "none" box, unless the
    measurement itself failed, which the page's warnings say."""
    if inspection.get("error"):
        findings.page.warnings.append(f"chat widgets could not be measured ({viewport}): {inspection['error']}")
        return
    mark_measured(findings.channels.chat_widgets, findings.page.url, viewport)


def _mark_rendered_only(raw: PageFindings, rendered: PageFindings) -> None:
    """Contacts that exist only after JavaScript ran get the source "rendered"."""
    raw_emails = {e.address for e in raw.channels.emails}
    raw_phones = {p.e164 or p.raw for p in raw.channels.phones}
    for email in rendered.channels.emails:
        if email.address not in raw_emails:
            email.sources.append("rendered")
    for phone in rendered.channels.phones:
        if (phone.e164 or phone.raw) not in raw_phones:
            phone.sources.append("rendered")
