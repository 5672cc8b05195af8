"""What rendering costs per page, against plain HTTP measured in the same run.

    .venv/bin/python bench/render_cost.py [--rounds 2] [--json]

Serves the fixture sites (tests/sites) and the demo site on 127.0.0.1 and times, per
page, sequentially so that the numbers are comparable:

  http             a plain GET of the HTML (the baseline: what the crawl does for every page)
  render           Chromium: new page, load, HTML back (images, media and fonts blocked)
  desktop          render + chat inspection (wait, nudge, probe, screenshot) at 1366x768
  desktop+mobile   desktop + the same again in a 390x844 touch context, as the crawl does
                   for pages with a widget and the home page

Then whole crawls through the CLI, --no-render against the default. Absolute numbers
depend on the machine; the ratios to the baseline are what to compare between runs.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.async_api import Browser, BrowserContext, Route, async_playwright  # noqa: E402

from auditor.demo.sitehost import serve  # noqa: E402
from spiders.chat_inspect import InspectPlan, NetworkLog, inspect_chat  # noqa: E402
from spiders.rendering import CONTEXTS, skip_heavy_resources  # noqa: E402
from spiders.settings import PLAYWRIGHT_LAUNCH_OPTIONS  # noqa: E402

SITES = ROOT / "tests" / "sites"
DEMO = ROOT / "auditor" / "demo" / "nimbus"
# The crawl's defaults: settle 1 s, at most 6 s per page and viewport.
PLAN = InspectPlan(settle_ms=1000, budget_ms=6000)


def fixture_pages(base: str, demo: str) -> list[str]:
    chat = sorted(p.name for p in (SITES / "chat").glob("*.html"))
    return [
        *(f"{base}/chat/{name}" for name in chat),
        f"{base}/bare/",
        f"{base}/ru/",
        f"{demo}/",
        f"{demo}/contact/",
        f"{demo}/about/",
    ]


async def _local_only(route: Route) -> None:
    if skip_heavy_resources(route.request) or "127.0.0.1" not in route.request.url:
        await route.abort()
    else:
        await route.continue_()


async def _context(browser: Browser, viewport: str) -> BrowserContext:
    context = await browser.new_context(**CONTEXTS[viewport])
    await context.route("**/*", _local_only)
    return context


def _http(url: str) -> None:
    with urllib.request.urlopen(url, timeout=20) as response:
        response.read()


async def _render(context: BrowserContext, url: str, inspect: bool, shots: Path | None, name: str) -> None:
    page = await context.new_page()
    log = NetworkLog()
    log.attach(page)
    try:
        await page.goto(url)
        if inspect:
            plan = InspectPlan(
                settle_ms=PLAN.settle_ms,
                budget_ms=PLAN.budget_ms,
                screenshot_dir=str(shots) if shots else None,
                screenshot_name=f"screenshots/{name}.png" if shots else None,
            )
            await inspect_chat(page, plan, log)
        else:
            await page.content()
    finally:
        await page.close()


async def _timed(action: Callable[[], Awaitable[None]]) -> float:
    start = time.perf_counter()
    await action()
    return (time.perf_counter() - start) * 1000


async def per_page(urls: list[str], rounds: int, shots: Path) -> dict[str, list[float]]:
    times: dict[str, list[float]] = {"http": [], "render": [], "desktop": [], "desktop+mobile": []}
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=str(PLAYWRIGHT_LAUNCH_OPTIONS["executable_path"]),
            args=list(PLAYWRIGHT_LAUNCH_OPTIONS["args"]),  # type: ignore[call-overload]
            headless=True,
        )
        desktop, mobile = await _context(browser, "desktop"), await _context(browser, "mobile")
        await _render(desktop, urls[0], False, None, "warm-up")  # the first page pays for process start-up
        for _ in range(rounds):
            for number, url in enumerate(urls):
                name = f"p{number}"

                async def http(url: str = url) -> None:
                    await asyncio.to_thread(_http, url)

                async def plain(url: str = url) -> None:
                    await _render(desktop, url, False, None, "")

                async def on_desktop(url: str = url, name: str = name) -> None:
                    await _render(desktop, url, True, shots, f"{name}-desktop")

                async def on_mobile(url: str = url, name: str = name) -> None:
                    await _render(mobile, url, True, shots, f"{name}-mobile")

                times["http"].append(await _timed(http))
                times["render"].append(await _timed(plain))
                desktop_ms = await _timed(on_desktop)
                times["desktop"].append(desktop_ms)
                times["desktop+mobile"].append(desktop_ms + await _timed(on_mobile))
        await browser.close()
    return times


def crawl(url: str, *options: str) -> tuple[float, int]:
    """Wall time (ms) of a whole CLI audit, process start-up included, and its page count."""
    with tempfile.TemporaryDirectory() as out:
        start = time.perf_counter()
        command = [sys.executable, "-m", "auditor", "audit", url, "--out", out, "--delay", "0", "--quiet", *options]
        done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, timeout=600)
        elapsed = time.perf_counter() - start
        if done.returncode not in (0, 1):
            raise SystemExit(f"the crawl of {url} failed: {done.stderr.strip()}")
        artifacts = json.loads((Path(out) / "artifacts.json").read_text(encoding="utf-8"))
    return elapsed * 1000, len(artifacts["pages"])


def summary(times: dict[str, list[float]]) -> dict[str, dict[str, float]]:
    baseline = statistics.mean(times["http"])
    return {
        mode: {
            "mean_ms": round(statistics.mean(values), 1),
            "median_ms": round(statistics.median(values), 1),
            "ratio_to_http": round(statistics.mean(values) / baseline, 1),
        }
        for mode, values in times.items()
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=1, help="times each page is measured (default 1)")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--no-crawl", action="store_true", help="skip the whole-crawl comparison")
    args = parser.parse_args()
    with serve(SITES) as base, serve(DEMO) as demo, tempfile.TemporaryDirectory() as shots:
        urls = fixture_pages(base, demo)
        pages = summary(asyncio.run(per_page(urls, args.rounds, Path(shots))))
        crawls: dict[str, dict[str, float]] = {}
        if not args.no_crawl:
            for site in (f"{demo}/", f"{base}/chat/site/"):
                plain_ms, pages_crawled = crawl(site, "--no-render")
                rendered_ms, _ = crawl(site)
                crawls[site] = {
                    "pages": pages_crawled,
                    "no_render_ms": round(plain_ms),
                    "rendered_ms": round(rendered_ms),
                    "ratio": round(rendered_ms / plain_ms, 1),
                }
    result: dict[str, Any] = {"pages": len(urls), "rounds": args.rounds, "per_page": pages, "crawl": crawls}
    if args.json:
        print(json.dumps(result, indent=2))
        return
    print(f"{len(urls)} pages x {args.rounds} round(s), sequential, one shared Chromium")
    print(f"{'mode':<16}{'mean ms':>10}{'median ms':>11}{'x http':>8}")
    for mode, row in pages.items():
        print(f"{mode:<16}{row['mean_ms']:>10}{row['median_ms']:>11}{row['ratio_to_http']:>8}")
    for site, row in crawls.items():
        print(
            f"audit of {site} ({row['pages']} pages): {row['no_render_ms']} ms with --no-render, "
            f"{row['rendered_ms']} ms rendering (x{row['ratio']}; process start-up included)"
        )


if __name__ == "__main__":
    main()
