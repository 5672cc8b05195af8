"""Which pages are rendered in Chromium, and how: a desktop pass for every rendered
page, and a mobile pass for the pages where a chat widget can matter on a phone."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import unquote, urlsplit

from scrapy_playwright.page import PageMethod

from auditor import __version__
from auditor.config.access import SiteAccess
from auditor.gather.scope import Scope
from spiders.access import seed_cookies
from spiders.chat_inspect import InspectPlan, NetworkLog, inspect_chat, prepare_page
from spiders.routes import RouteDiscovery, discover_routes

# Images, media and fonts do not change which contacts a page shows or where a
# fixed chat launcher sits, and they are most of a page's bytes.
_HEAVY = {"image", "media", "font"}
DESKTOP_VIEWPORT = {"width": 1366, "height": 768}
MOBILE_VIEWPORT = {"width": 390, "height": 844}
# An Android phone's Chrome, still saying who we are: servers that sniff for
# "Mobile" serve their phone layout, and robots.txt rules for us still apply.
MOBILE_USER_AGENT = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
    f"Chrome/131.0.0.0 Mobile Safari/537.36 contact-auditor/{__version__}"
)
CONTEXTS: dict[str, dict[str, Any]] = {
    "desktop": {"viewport": DESKTOP_VIEWPORT},
    # A device scale of 1 keeps screenshots small; what we measure is CSS pixels.
    "mobile": {
        "viewport": MOBILE_VIEWPORT,
        "is_mobile": True,
        "has_touch": True,
        "user_agent": MOBILE_USER_AGENT,
        "device_scale_factor": 1,
    },
}


def skip_heavy_resources(request: Any) -> bool:
    return bool(request.resource_type in _HEAVY)


class BrowserRequests:
    """What the browser may load while it renders the site (`PLAYWRIGHT_ABORT_REQUEST`):
    no heavy resources, nothing the audit's scope refuses (another port of the site's
    host, an internal address), whatever a page's frames, scripts or redirects ask for,
    and no navigation of the page itself to another site."""

    def __init__(self, scope: Scope) -> None:
        self.scope = scope

    def __call__(self, request: Any) -> bool:
        if skip_heavy_resources(request) or not self.scope.allows_load(str(request.url)):
            return True
        # A script or meta refresh taking the page itself elsewhere: not followed, not run there.
        frame = request.frame if request.is_navigation_request() else None
        return frame is not None and frame.parent_frame is None and not self.scope.allows(str(request.url))


def render_meta(
    viewport: str, plan: InspectPlan, discovery: RouteDiscovery | None = None, access: SiteAccess | None = None
) -> dict[str, Any]:
    """Request.meta that renders a page in the named viewport, records its network
    requests, then waits for, measures and photographs its chat widgets; with a
    `discovery`, then clicks its navigation elements without `href` for routes; with
    `access`, the site's cookies are in the browser before the page loads."""
    log = NetworkLog()

    async def prepare(page: Any, request: Any = None) -> None:
        await prepare_page(page, request)
        if access is not None and request is not None:
            await seed_cookies(page, access, str(request.url))

    methods = [PageMethod(inspect_chat, plan, log)]
    if discovery is not None:
        methods.append(PageMethod(discover_routes, discovery, plan, log))
    return {
        "playwright": True,
        "playwright_context": viewport,
        "playwright_context_kwargs": CONTEXTS[viewport],
        "playwright_page_event_handlers": log.handlers(),
        "playwright_page_init_callback": prepare if access is not None else prepare_page,
        "playwright_page_methods": methods,
    }


def _method_result(meta: dict[str, Any], function: Any) -> dict[str, Any] | None:
    for method in meta.get("playwright_page_methods") or []:
        if getattr(method, "method", None) is function and isinstance(method.result, dict):
            return method.result
    return None


def chat_result(meta: dict[str, Any]) -> dict[str, Any]:
    """What inspect_chat found, or an empty answer when it did not run."""
    found = _method_result(meta, inspect_chat)
    if found is not None:
        return found
    return {"widgets": [], "requests": [], "failures": [], "error": "the rendered page was not inspected"}


def routes_result(meta: dict[str, Any]) -> dict[str, Any]:
    """What discover_routes found, or nothing when it did not run."""
    found = _method_result(meta, discover_routes)
    return found if found is not None else {"clicked": [], "revealed": [], "routes": [], "html": None}


def page_slug(url: str) -> str:
    """`https://x.example/hi/sampark.html` -> `hi-sampark-html`; the home page is `home`,
    a path with no Latin letters or digits `page` (the spider numbers repeats)."""
    parts = urlsplit(url)
    text = unquote(parts.path + (f"-{parts.query}" if parts.query else "")).lower()
    slug = re.sub(r"[^a-z0-9]+", "-", text).strip("-")[:60].strip("-")
    if slug:
        return slug
    return "home" if parts.path in ("", "/") and not parts.query else "page"
