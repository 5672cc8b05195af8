"""Inside a rendered page: the routes a visitor can reach without a link.

A single-page app's router moves with `history.pushState`, often from buttons and
`role="link"` elements that have no `href`. After the chat inspection, the navigation
elements without an `href` in the header, nav and footer are clicked one at a time (a
bounded number per page and per crawl, each label once per crawl, never inside a form);
each click's route is recorded and the page is brought back. A full navigation a click
starts is recorded and stopped before it leaves, so the page stays as it was rendered.
The page's HTML is kept from before the first click: what the audit reads is the page as
it loaded.

Runs as a scrapy-playwright page method after `inspect_chat`
(`discover_routes(page, discovery, plan, log)`).
"""

from __future__ import annotations

import asyncio
import contextlib
from dataclasses import dataclass, field
from typing import Any

from playwright.async_api import Error as PlaywrightError
from playwright.async_api import Page, Route

from spiders.chat_inspect import InspectPlan, NetworkLog, bounded, load_scale, read_events

# Marks the elements to click and says what each one is: its label and where it sits.
CANDIDATES_SCRIPT = """
(limit) => {
  const zones = document.querySelectorAll('header, nav, footer, [role=navigation], [role=banner], [role=contentinfo]');
  const picks = 'button, [role=link], [role=menuitem], [role=tab], [onclick], [routerlink], [ng-reflect-router-link]';
  const risky = /log ?out|sign ?out|abmelden|delete|remove|unsubscribe|выйти|удалить/i;
  const found = [];
  const seen = new Set();
  for (const zone of zones) {
    for (const el of zone.querySelectorAll(picks)) {
      if (seen.has(el)) continue;
      seen.add(el);
      if (el.closest('form, a[href], [contenteditable]')) continue;
      const unsafe = 'input, select, textarea, [type=submit], [type=reset], [disabled], [aria-disabled=true]';
      if (el.matches(unsafe)) continue;
      const box = el.getBoundingClientRect();
      if (box.width < 1 || box.height < 1) continue;
      const label = el.innerText || el.getAttribute('aria-label') || el.getAttribute('title') || '';
      const text = label.trim().replace(/\\s+/g, ' ').slice(0, 80);
      if (!text || risky.test(text)) continue;
      const where = el.closest('footer, [role=contentinfo]') ? 'footer'
        : el.closest('nav, [role=navigation]') ? 'nav' : 'header';
      el.setAttribute('data-contact-audit-nav', String(found.length));
      found.push({ text, where });
      if (found.length >= limit) return found;
    }
  }
  return found;
}
"""
# While clicking: no form is submitted (and no window opens: EVENTS_SCRIPT records it as a route).
GUARD_SCRIPT = """
() => {
  const ledger = window.__contactAuditEvents;
  if (!ledger || ledger.guarded) return;
  ledger.guarded = true;
  ledger.clicking = true;
  document.addEventListener('submit', (event) => event.preventDefault(), true);
  HTMLFormElement.prototype.submit = function () {};
  HTMLFormElement.prototype.requestSubmit = function () {};
}
"""
CLICK_SCRIPT = """
(index) => {
  const el = document.querySelector('[data-contact-audit-nav="' + index + '"]');
  if (!el) return null;
  const anchors = new Set(Array.from(document.querySelectorAll('a[href]'), (a) => a.href));
  window.__contactAuditAnchors = anchors;
  el.click();
  return history.length;
}
"""
# Links a click revealed (a menu drawn only when it opens).
REVEALED_SCRIPT = """
() => {
  const before = window.__contactAuditAnchors || new Set();
  const out = [];
  for (const a of document.querySelectorAll('a[href]')) {
    if (before.has(a.href) || out.length >= 50) continue;
    out.push({ url: a.href, text: (a.innerText || '').trim().slice(0, 80) });
  }
  return out;
}
"""


@dataclass
class RouteDiscovery:
    """What the crawl has clicked so far, shared by every rendered page of one crawl."""

    max_clicks: int = 30
    per_page: int = 10
    tried: set[tuple[str, str]] = field(default_factory=set)
    clicks: int = 0

    def left(self) -> int:
        return max(0, self.max_clicks - self.clicks)


@dataclass
class _Leaving:
    """Navigations of the main frame a click started: recorded, and answered so that the
    browser stays where it is."""

    page: Page
    urls: list[str] = field(default_factory=list)

    async def handle(self, route: Route) -> None:
        request = route.request
        if request.is_navigation_request() and request.frame == self.page.main_frame:
            self.urls.append(request.url)
            # A browser stays on the page when a navigation answers 204 No Content
            # (aborting it would show an error page instead).
            await route.fulfill(status=204, body="")
            return
        await route.fallback()


async def _settle(
    page: Page, before: str, plan: InspectPlan, log: NetworkLog, scale: float, leaving: _Leaving
) -> str | None:
    """Wait until the click has done what it does: the URL changed (a route), a navigation
    was stopped, or the page is quiet again (no DOM change, timer or script pending)."""
    loop = asyncio.get_running_loop()
    start = loop.time()
    seen = len(leaving.urls)
    while True:
        await asyncio.sleep(plan.poll_ms / 1000)
        if len(leaving.urls) > seen:
            return leaving.urls[-1]
        events = await read_events(page)
        if events is None:
            return None
        if events["href"] != before:
            return str(events["href"])
        waited = (loop.time() - start) * 1000
        quiet = events["quiet_ms"] >= plan.stable_ms * scale / 2 and events["timers"] == 0
        if quiet and not log.loading(data_calls_for=plan.nudge_wait_ms * scale / 1000):
            return None
        if waited >= plan.budget_ms * scale:
            return None


async def _restore(page: Page, before: str, length: int, plan: InspectPlan, scale: float) -> bool:
    """Bring the page back to `before` after a click moved its route."""
    loop = asyncio.get_running_loop()
    start = loop.time()
    grew = await page.evaluate("() => history.length") > length
    await page.evaluate(
        "([url, back]) => { if (back) { history.back(); } else { history.replaceState(null, '', url); "
        "window.dispatchEvent(new PopStateEvent('popstate')); } }",
        [before, grew],
    )
    while (loop.time() - start) * 1000 < plan.budget_ms * scale:
        await asyncio.sleep(plan.poll_ms / 1000)
        events = await read_events(page)
        if events is not None and events["href"] == before and events["quiet_ms"] >= plan.stable_ms * scale / 2:
            return True
    return False


async def discover_routes(page: Page, discovery: RouteDiscovery, plan: InspectPlan, log: NetworkLog) -> dict[str, Any]:
    """The route discovery, bounded: see `_discover_routes`."""
    result: dict[str, Any] = await bounded(page, _discover_routes(page, discovery, plan, log), plan)
    return result


async def _discover_routes(page: Page, discovery: RouteDiscovery, plan: InspectPlan, log: NetworkLog) -> dict[str, Any]:
    """Click the page's navigation elements without `href`; give back the routes they lead
    to, the links they revealed, the routes the page's router took on its own, and the
    page's HTML from before the first click (None when nothing was clicked)."""
    result: dict[str, Any] = {"clicked": [], "revealed": [], "routes": [], "html": None, "error": None}
    try:
        events = await read_events(page)
        if events is None:
            return result
        result["routes"] = list(events.get("routes") or [])
        scale = load_scale(events, plan)
        limit = min(discovery.per_page, discovery.left())
        if limit <= 0:
            return result
        candidates: list[dict[str, str]] = await page.evaluate(CANDIDATES_SCRIPT, limit * 3)
        todo = [(i, c) for i, c in enumerate(candidates) if (c["where"], c["text"]) not in discovery.tried][:limit]
        if not todo:
            return result
        result["html"] = await page.content()
        before = page.url
        leaving = _Leaving(page)
        await page.route("**/*", leaving.handle)
        try:
            await page.evaluate(GUARD_SCRIPT)
            for index, candidate in todo:
                discovery.tried.add((candidate["where"], candidate["text"]))
                discovery.clicks += 1
                length = await page.evaluate(CLICK_SCRIPT, index)
                if length is None:
                    continue
                target = await _settle(page, before, plan, log, scale, leaving)
                revealed = await page.evaluate(REVEALED_SCRIPT)
                result["revealed"].extend({**link, "where": candidate["where"]} for link in revealed)
                if target is None:
                    continue
                result["clicked"].append({"url": target, **candidate})
                if page.url != before and not await _restore(page, before, length, plan, scale):
                    break  # the page would not come back: what is left stays unclicked
        finally:
            with contextlib.suppress(PlaywrightError):
                await page.unroute("**/*", leaving.handle)
        final = await read_events(page)
        if final is not None:
            result["routes"] = list(final.get("routes") or [])
    except PlaywrightError as failure:
        result["error"] = str(failure).splitlines()[0]
    return result
