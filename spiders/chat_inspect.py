"""Inside a rendered page: wait for late chat widgets, nudge lazy ones, measure them
with the probe, and photograph the viewport with each launcher outlined.

Runs as a scrapy-playwright page method (`inspect_chat(page, plan, log)`), so one
browser and its contexts serve every page of the crawl.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
import weakref
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from playwright.async_api import Error as PlaywrightError
from playwright.async_api import Page
from playwright.async_api import Request as PlaywrightRequest
from playwright.async_api import Response as PlaywrightResponse

from auditor.gather.extract.chat import probe_call, request_evidence

MAX_LOGGED = 2000
# Resources the crawl aborts on purpose: their failures say nothing about a widget.
ABORTED_TYPES = frozenset({"image", "media", "font"})
WAITED_TYPES = frozenset({"script", "document", "xhr", "fetch"})

# Lazy loaders wait for a scroll, a mouse move or a touch; give them all three,
# then go back to the top so the launcher is measured where a visitor first sees it.
NUDGE_SCRIPT = """
async () => {
  window.scrollBy(0, Math.min(600, document.documentElement.scrollHeight));
  window.dispatchEvent(new Event('scroll'));
  document.dispatchEvent(new Event('touchstart', { bubbles: true }));
  await new Promise((done) => setTimeout(done, 120));
  window.scrollTo(0, 0);
  if (window.__contactAuditEvents) window.__contactAuditEvents.lastChange = performance.now();
}
"""
# After drawing, wait for two frames (or 150 ms where frames do not come): the
# screenshot must show the outlines, not a frame composited before them.
OUTLINE_SCRIPT = """
async (boxes) => {
  for (const b of boxes) {
    const mark = document.createElement('div');
    mark.setAttribute('data-contact-audit-outline', '');
    mark.style.cssText = 'position:fixed;box-sizing:border-box;pointer-events:none;z-index:2147483647;' +
      'border:3px solid #e11d48;border-radius:6px;left:' + (b.x - 5) + 'px;top:' + (b.y - 5) + 'px;' +
      'width:' + (b.width + 10) + 'px;height:' + (b.height + 10) + 'px';
    document.documentElement.appendChild(mark);
  }
  const frames = new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
  await Promise.race([frames, new Promise((done) => setTimeout(done, 150))]);
}
"""
# Installed before the page's own scripts run: when the DOM last changed, and which
# timers the page set that have not fired yet. Waiting for those events, instead of a
# fixed number of milliseconds, finds a widget started by a timer whatever the
# machine's load. Timers re-armed from a timer (polling loops) are not waited for.
EVENTS_SCRIPT = """
(() => {
  if (window.__contactAuditEvents) return;
  const ledger = { lastChange: performance.now(), timers: new Map(), inTimer: 0 };
  window.__contactAuditEvents = ledger;
  const horizon = 20000;
  const setTimer = window.setTimeout, clearTimer = window.clearTimeout;
  window.setTimeout = function (callback, delay, ...rest) {
    const wait = Number(delay) || 0;
    if (typeof callback !== 'function') return setTimer.call(window, callback, delay, ...rest);
    let id;
    const run = function () {
      ledger.timers.delete(id);
      ledger.lastChange = performance.now();
      ledger.inTimer++;
      try { return callback.apply(this, arguments); } finally { ledger.inTimer--; }
    };
    id = setTimer.call(window, run, delay, ...rest);
    if (!ledger.inTimer && wait >= 50 && wait <= horizon) ledger.timers.set(id, performance.now() + wait);
    return id;
  };
  window.clearTimeout = function (id) {
    ledger.timers.delete(id); ledger.intervals.delete(id); return clearTimer.call(window, id);
  };
  // Intervals the page keeps running: a loader may poll for a flag an interaction raised.
  ledger.intervals = new Set();
  const setRepeat = window.setInterval, clearRepeat = window.clearInterval;
  window.setInterval = function (callback, delay, ...rest) {
    const id = setRepeat.call(window, callback, delay, ...rest);
    const wait = Number(delay) || 0;
    if (wait <= horizon) ledger.intervals.add(id);
    return id;
  };
  window.clearInterval = function (id) {
    ledger.intervals.delete(id); ledger.timers.delete(id); return clearRepeat.call(window, id);
  };
  // Routes the page's router goes to without a link (history.pushState, a hash change).
  ledger.routes = [];
  const note = (url) => {
    try { if (ledger.routes.length < 200) ledger.routes.push(new URL(String(url), location.href).href); } catch (e) {}
  };
  for (const name of ['pushState', 'replaceState']) {
    const original = history[name];
    history[name] = function (state, title, url) {
      if (url !== undefined && url !== null) note(url);
      return original.apply(this, arguments);
    };
  }
  window.addEventListener('hashchange', () => note(location.href));
  // No window opens (a popup loop opens nothing); one a click of the route discovery
  // opens is a route.
  window.open = function (url) { if (url && ledger.clicking) note(url); return null; };
  new MutationObserver(() => { ledger.lastChange = performance.now(); })
    .observe(document, { childList: true, subtree: true, attributes: true, characterData: true });
})();
"""
EVENTS_READ_SCRIPT = """
() => {
  const ledger = window.__contactAuditEvents;
  if (!ledger) return null;
  const nav = performance.getEntriesByType('navigation')[0];
  return {
    quiet_ms: performance.now() - ledger.lastChange,
    timers: ledger.timers.size,
    intervals: ledger.intervals.size,
    load_ms: nav && nav.duration > 0 ? nav.duration : null,
    href: location.href,
    routes: ledger.routes.slice(),
  };
}
"""
UNOUTLINE_SCRIPT = "() => document.querySelectorAll('[data-contact-audit-outline]').forEach((m) => m.remove())"


@dataclass
class NetworkLog:
    """What the page fetched while it loaded: a loader often fetches the real widget
    script, which never appears as a <script src> in the HTML."""

    urls: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    # Requests still loading that can still draw something: scripts, frames and data calls.
    in_flight: dict[int, tuple[str, float]] = field(default_factory=dict)

    def on_request(self, request: PlaywrightRequest) -> None:
        if len(self.urls) < MAX_LOGGED and not request.is_navigation_request():
            self.urls.append(request.url)
        if request.resource_type in WAITED_TYPES and not request.is_navigation_request():
            self.in_flight[id(request)] = (request.resource_type, time.monotonic())

    def on_request_done(self, request: PlaywrightRequest) -> None:
        self.in_flight.pop(id(request), None)

    def on_request_failed(self, request: PlaywrightRequest) -> None:
        self.in_flight.pop(id(request), None)
        if request.resource_type not in ABORTED_TYPES and len(self.failures) < MAX_LOGGED:
            self.failures.append(f"{request.url} ({request.failure or 'failed'})")

    def loading(self, data_calls_for: float) -> bool:
        """A script or frame is loading, or a data call younger than `data_calls_for`
        seconds (an older one is a long poll: it will not end while we wait)."""
        now = time.monotonic()
        return any(
            kind in ("script", "document") or now - started < data_calls_for
            for kind, started in self.in_flight.values()
        )

    def on_response(self, response: PlaywrightResponse) -> None:
        if response.status >= 400 and len(self.failures) < MAX_LOGGED:
            self.failures.append(f"{response.url} (HTTP {response.status})")

    def handlers(self) -> dict[str, Any]:
        """For scrapy-playwright's `playwright_page_event_handlers`."""
        return {
            "request": self.on_request,
            "requestfinished": self.on_request_done,
            "requestfailed": self.on_request_failed,
            "response": self.on_response,
        }

    def attach(self, page: Page) -> None:
        """The same, for a page driven directly (tests, bench)."""
        page.on("request", self.on_request)
        page.on("requestfinished", self.on_request_done)
        page.on("requestfailed", self.on_request_failed)
        page.on("response", self.on_response)


@dataclass(frozen=True)
class InspectPlan:
    """How long to wait for one page, and where its screenshot goes (none without a run dir)."""

    settle_ms: int = 1000
    budget_ms: int = 6000
    poll_ms: int = 100
    stable_ms: int = 500
    nudge_wait_ms: int = 1000
    screenshot_dir: str | None = None
    screenshot_name: str | None = None
    # Waits scale with the machine: a page that took longer than this to load (a busy
    # machine, a slow site) gets proportionally longer quiet windows and budget.
    load_reference_ms: int = 1000
    max_scale: float = 4.0


def _signature(result: dict[str, Any]) -> tuple[Any, ...] | None:
    box = result.get("box")
    return None if box is None else (box["corner"], box["x"], box["y"], box["width"], box["height"])


def _drawn(result: dict[str, Any]) -> bool:
    box = result.get("box")
    return box is not None and box["corner"] != "none"


class _Watch:
    """When each widget was first drawn, and whether it has stopped moving."""

    def __init__(self, stable_ms: int) -> None:
        self.stable_ms = stable_ms
        self.first_drawn: dict[str, int] = {}
        self.last: dict[str, tuple[Any, ...] | None] = {}
        self.since: dict[str, int] = {}

    def update(self, results: list[dict[str, Any]], now: int) -> None:
        for result in results:
            vendor = result["vendor"]
            if _drawn(result):
                self.first_drawn.setdefault(vendor, now)
            signature = _signature(result)
            if vendor not in self.last or self.last[vendor] != signature:
                self.last[vendor], self.since[vendor] = signature, now

    def settled(self, results: list[dict[str, Any]], loading: set[str], now: int) -> bool:
        """Every widget seen is either retired (nothing to wait for) or has a launcher
        that kept its place for a while; a vendor known only from the network is still loading."""
        seen = {r["vendor"] for r in results}
        if loading - seen:
            return False
        return all(
            r["retired"] or (r.get("box") is not None and now - self.since[r["vendor"]] >= self.stable_ms)
            for r in results
        )


_PREPARED: weakref.WeakSet[Page] = weakref.WeakSet()
CLOSE_TIMEOUT_S = 10.0


async def prepare_page(page: Page, request: object = None) -> None:
    """Before the page's own scripts run: record DOM changes and pending timers.

    A scrapy-playwright page init callback (`playwright_page_init_callback`); tests and
    benchmarks call it before `goto`. A page kept from one render to the next
    (spiders/page_pool.py) gets the script once: it runs in every document the page loads.
    """
    if page in _PREPARED:
        return
    await page.add_init_script(EVENTS_SCRIPT)
    _PREPARED.add(page)


async def read_events(page: Page) -> dict[str, Any] | None:
    """What EVENTS_SCRIPT recorded: DOM quiet time, pending timers, load time, routes (None without it)."""
    events: dict[str, Any] | None = await page.evaluate(EVENTS_READ_SCRIPT)
    return events


def load_scale(events: dict[str, Any] | None, plan: InspectPlan) -> float:
    """How much longer than the reference the page took to load (1 to plan.max_scale)."""
    load_ms = (events or {}).get("load_ms")
    if not load_ms:
        return 1.0
    return max(1.0, min(plan.max_scale, float(load_ms) / plan.load_reference_ms))


async def _probe(page: Page) -> list[dict[str, Any]]:
    result: list[dict[str, Any]] = await page.evaluate(probe_call())
    return result


async def _nudge(page: Page) -> None:
    size = page.viewport_size or {"width": 1366, "height": 768}
    await page.mouse.move(size["width"] / 2, size["height"] / 2)
    await page.mouse.move(size["width"] / 2 + 40, size["height"] / 2 + 30, steps=2)
    await page.evaluate(NUDGE_SCRIPT)


async def _screenshot(page: Page, plan: InspectPlan, results: list[dict[str, Any]]) -> str | None:
    if not plan.screenshot_dir or not plan.screenshot_name:
        return None
    path = Path(plan.screenshot_dir) / plan.screenshot_name
    path.parent.mkdir(parents=True, exist_ok=True)
    boxes = [r["box"] for r in results if _drawn(r) and r["box"]["visible"]]
    try:
        await page.evaluate(OUTLINE_SCRIPT, boxes)
        await page.screenshot(path=str(path), type="png", timeout=5000)
        await page.evaluate(UNOUTLINE_SCRIPT)
    except PlaywrightError:
        return None  # a page that navigated away or hung keeps its measurements, without a picture
    return plan.screenshot_name


def hard_limit(plan: InspectPlan) -> float:
    """Seconds after which a page method gives up on a page that stopped answering (a
    script in an endless loop blocks every call into the page): past every wait it may
    take, however slow the machine."""
    return plan.budget_ms * plan.max_scale / 1000 * 2 + 10


async def close_page(page: Page) -> None:
    """Close `page` without running its unload handlers; one that does not close within
    CLOSE_TIMEOUT_S (its browser gone, a renderer stuck) is left as it is."""
    if not page.is_closed():
        with contextlib.suppress(PlaywrightError, TimeoutError):
            await asyncio.wait_for(page.close(run_before_unload=False), CLOSE_TIMEOUT_S)


async def bounded(page: Page, work: Any, plan: InspectPlan) -> Any:
    """`work` (a coroutine on `page`), or, when the page stops answering, the page closed:
    what the crawl asks of it next fails, and it keeps the page's raw HTML."""
    try:
        return await asyncio.wait_for(work, hard_limit(plan))
    except TimeoutError:
        await close_page(page)
        raise PlaywrightError(
            f"the page stopped answering for {hard_limit(plan):.0f} s (a script that never ends)"
        ) from None


async def inspect_chat(page: Page, plan: InspectPlan, log: NetworkLog) -> dict[str, Any]:
    """The chat inspection, bounded: see `_inspect_chat`."""
    result: dict[str, Any] = await bounded(page, _inspect_chat(page, plan, log), plan)
    return result


async def _inspect_chat(page: Page, plan: InspectPlan, log: NetworkLog) -> dict[str, Any]:
    """Wait until the chat widgets on the page have settled, nudging lazy ones once; then
    measure and photograph.

    The waits follow events: a widget's launcher that stopped moving; or, when nothing
    is drawn, a page whose DOM has stopped changing, with no script loading and no timer
    of its own still pending, nudged once and quiet again. `plan.budget_ms` (scaled by
    the page's own load time) only bounds a page that never settles. Pages prepared
    without `prepare_page` fall back to fixed waits (`settle_ms`, `nudge_wait_ms`).
    """
    loop = asyncio.get_running_loop()
    start = loop.time()
    watch = _Watch(plan.stable_ms)
    nudged_at: int | None = None
    results: list[dict[str, Any]] = []
    error: str | None = None
    scale: float | None = None
    while True:
        try:
            results = await _probe(page)
            events = await read_events(page)
        except PlaywrightError as failure:
            error = str(failure).splitlines()[0]
            break
        if scale is None:
            scale = load_scale(events, plan)
        now = int((loop.time() - start) * 1000)
        watch.update(results, now)
        loading = set(request_evidence(log.urls))
        if now >= plan.budget_ms * scale:
            break
        if (results or loading) and watch.settled(results, loading, now):
            break
        drawn = any(_drawn(r) for r in results)
        if events is not None:
            # Before the nudge the page may still be starting (its scripts attach their
            # listeners as they run): the whole window. A lazy loader answers a nudge as
            # the event reaches it, with a DOM change, a request or a timer, each watched
            # here: half the window tells that it did not, as after a click (spiders/routes.py).
            # A page with an interval running may instead poll for the interaction: the
            # whole window, for the interval's next tick.
            window = plan.stable_ms if nudged_at is None or events["intervals"] else plan.stable_ms / 2
            quiet = (
                events["quiet_ms"] >= window * scale
                and events["timers"] == 0
                and not log.loading(data_calls_for=plan.nudge_wait_ms * scale / 1000)
            )
            if quiet and not drawn:
                if nudged_at is not None:
                    break
                # Nudging is a courtesy to lazy widgets; a page that refuses it is measured as it is.
                with contextlib.suppress(PlaywrightError):
                    await _nudge(page)
                nudged_at = now
                continue
        elif nudged_at is None and now >= plan.settle_ms and not drawn:
            with contextlib.suppress(PlaywrightError):
                await _nudge(page)
            nudged_at = now
            continue
        elif nudged_at is not None and not results and not loading and now - nudged_at >= plan.nudge_wait_ms:
            break
        await asyncio.sleep(plan.poll_ms / 1000)
    shot = await _screenshot(page, plan, results) if results and error is None else None
    for result in results:
        box = result.get("box")
        if box is None:
            continue
        appeared = watch.first_drawn.get(result["vendor"])
        box.update(
            page=page.url,
            screenshot=shot,
            appeared_ms=appeared,
            after_nudge=nudged_at is not None and appeared is not None and appeared >= nudged_at,
        )
    return {
        "widgets": results,
        "requests": list(log.urls),
        "failures": list(log.failures),
        "nudged": nudged_at is not None,
        "elapsed_ms": int((loop.time() - start) * 1000),
        "load_scale": scale or 1.0,
        "screenshot": shot,
        "error": error,
    }
