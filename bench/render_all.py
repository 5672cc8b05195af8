"""The naive way to see what JavaScript shows: render every page of a site in Chromium.

    python bench/render_all.py URL --max-pages 300 [--pool 4] [--out result.json]

A breadth-first crawl in which every page is loaded in one of `--pool` Playwright
pages, each reused from URL to URL (one browser, one desktop context, images, media and fonts
blocked, nothing outside 127.0.0.1), waited for until the network is idle, then
read: its links (followed on the same host), the emails in the rendered HTML and
the chat vendors the audit's own probe names.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urldefrag, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from playwright.async_api import Error as PlaywrightError
from playwright.async_api import Page, Route, async_playwright

from auditor.gather.browser import CHROMIUM_ARGS
from auditor.gather.extract.chat.probe import PROBE_SCRIPT, probe_argument
from spiders.rendering import CONTEXTS, skip_heavy_resources

EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
LINKS = "els => els.map(e => e.href)"


async def _local_only(route: Route) -> None:
    if skip_heavy_resources(route.request) or urlsplit(route.request.url).hostname != "127.0.0.1":
        await route.abort()
    else:
        await route.continue_()


async def _render(page: Page, url: str) -> tuple[dict[str, Any], list[str]]:
    """What one page shows once rendered, and its links."""
    await page.goto(url, wait_until="networkidle", timeout=20_000)
    content = await page.content()
    links: list[str] = await page.eval_on_selector_all("a[href]", LINKS)
    probe: list[dict[str, Any]] = await page.evaluate(PROBE_SCRIPT, probe_argument())
    return {"emails": sorted(set(EMAIL.findall(content))), "vendors": sorted({r["vendor"] for r in probe})}, links


async def crawl(start: str, max_pages: int, pool: int) -> dict[str, dict[str, Any]]:
    host = urlsplit(start).netloc
    seen = {start}
    queue: asyncio.Queue[str] = asyncio.Queue()
    queue.put_nowait(start)
    pages: dict[str, dict[str, Any]] = {}
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=list(CHROMIUM_ARGS), headless=True
        )
        context = await browser.new_context(**CONTEXTS["desktop"])
        await context.route("**/*", _local_only)

        async def worker() -> None:
            page = await context.new_page()  # one page per worker, reused for every URL
            while True:
                url = await queue.get()
                try:
                    pages[url], links = await _render(page, url)
                except PlaywrightError as failure:
                    pages[url], links = {"error": str(failure).splitlines()[0]}, []
                    await page.close()
                    page = await context.new_page()
                for link in links:
                    link = urldefrag(link).url
                    if urlsplit(link).netloc == host and link not in seen and len(seen) < max_pages:
                        seen.add(link)
                        queue.put_nowait(link)
                queue.task_done()

        workers = [asyncio.create_task(worker()) for _ in range(pool)]
        await queue.join()
        for task in workers:
            task.cancel()
        await browser.close()
    return pages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("url")
    parser.add_argument("--max-pages", type=int, default=50)
    parser.add_argument("--pool", type=int, default=4, help="Playwright pages rendering at once (default 4)")
    parser.add_argument("--out", type=Path, help="write the pages as JSON here (default: stdout)")
    args = parser.parse_args()
    pages = asyncio.run(crawl(args.url, args.max_pages, args.pool))
    text = json.dumps(pages, indent=1, sort_keys=True)
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    else:
        print(text)


if __name__ == "__main__":
    main()
