"""Which pages are rendered in Chromium, and how."""

from __future__ import annotations

from typing import Any

from scrapy_playwright.page import PageMethod

from auditor.extract.chat import PROBE_SCRIPT, probe_argument

# Images, media and fonts do not change which contacts a page shows or where a
# fixed chat launcher sits, and they are most of a page's bytes.
_HEAVY = {"image", "media", "font"}
DESKTOP_VIEWPORT = {"width": 1366, "height": 768}


def skip_heavy_resources(request: Any) -> bool:
    return bool(request.resource_type in _HEAVY)


def render_meta(settle_ms: int) -> dict[str, Any]:
    """Request.meta that renders a page, lets late widgets appear, then measures them."""
    return {
        "playwright": True,
        "playwright_context": "desktop",
        "playwright_context_kwargs": {"viewport": DESKTOP_VIEWPORT},
        "playwright_page_methods": [
            PageMethod("wait_for_timeout", settle_ms),
            PageMethod("evaluate", PROBE_SCRIPT, probe_argument()),
        ],
    }


def chat_result(meta: dict[str, Any]) -> list[dict[str, Any]]:
    for method in meta.get("playwright_page_methods") or []:
        if getattr(method, "method", None) == "evaluate":
            return list(method.result or [])
    return []
