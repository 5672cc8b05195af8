"""The browser's pages, as the crawl's renders use them: a render that never ends is
stopped, a render whose page closes under it fails, a render cancelled while its page
opens gives its place back, and the pages of the renders after them still work."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from auditor.demo.sitehost import serve

pytestmark = pytest.mark.slow

# A crawl of three pages through the project's download handler, after two renders that
# go wrong: the first one's page method never returns (a page the browser can no longer be
# asked anything of), the second one's page closes under it each time it is tried.
CRAWL = """
import asyncio, json, sys
import scrapy
from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings
from scrapy_playwright.page import PageMethod

async def never_ends(page):
    await asyncio.Event().wait()

async def closes(page):
    await page.close()

async def title(page):
    return await page.title()

class Pages(scrapy.Spider):
    name = "pages"

    async def start(self):
        base = sys.argv[1]
        yield scrapy.Request(f"{base}/stuck.html", meta={"playwright": True, "playwright_context": "desktop",
            "playwright_page_methods": [PageMethod(never_ends)]}, errback=self.failed, dont_filter=True)
        yield scrapy.Request(f"{base}/closing.html", meta={"playwright": True, "playwright_context": "desktop",
            "playwright_page_methods": [PageMethod(closes)]}, errback=self.failed, dont_filter=True)
        for name in ("one", "two", "three"):
            yield scrapy.Request(f"{base}/{name}.html", meta={"playwright": True, "playwright_context": "desktop",
                "playwright_page_methods": [PageMethod(title)]}, callback=self.rendered, dont_filter=True)

    def rendered(self, response):
        method = response.meta["playwright_page_methods"][0]
        print(json.dumps({"url": response.url, "title": method.result}), flush=True)

    def failed(self, failure):
        print(json.dumps({"url": failure.request.url, "error": failure.getErrorMessage()}), flush=True)

settings = Settings()
settings.setmodule("spiders.settings")
settings.setdict({"PLAYWRIGHT_DEFAULT_NAVIGATION_TIMEOUT": 2000, "ROBOTSTXT_OBEY": False, "DOWNLOAD_DELAY": 0,
    "LOG_LEVEL": "WARNING"}, priority="cmdline")
process = CrawlerProcess(settings)
process.crawl(Pages)
process.start()
"""


def test_renders_that_never_end_or_lose_their_page_fail_and_the_crawl_renders_the_rest(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    for name in ("stuck", "closing", "one", "two", "three"):
        (site / f"{name}.html").write_text(f"<html><head><title>Page {name}</title></head><body></body></html>")
    script = tmp_path / "crawl.py"
    script.write_text(CRAWL, encoding="utf-8")
    root = Path(__file__).resolve().parents[2]
    with serve(site) as base:
        # The timeout guards the suite only: the crawl ends on its own, well before it.
        done = subprocess.run(
            [sys.executable, str(script), base], cwd=root, capture_output=True, text=True, timeout=300, check=False
        )
    assert done.returncode == 0, done.stderr
    lines = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
    by_url = {line["url"]: line for line in lines}
    assert "did not end" in by_url[f"{base}/stuck.html"]["error"]
    assert "closed" in by_url[f"{base}/closing.html"]["error"]
    for name in ("one", "two", "three"):
        assert by_url[f"{base}/{name}.html"].get("title") == f"Page {name}", by_url


# Renders cancelled while Chromium opens their page (the crawl stopped, a render's bound
# reached), in a context of one page: the next render must still get a page, the only one
# open. Nothing is fetched: a page is all a render waits for here.
CANCELLED = """
import asyncio, json
from scrapy.utils.reactor import install_reactor
install_reactor("twisted.internet.asyncioreactor.AsyncioSelectorReactor")
from scrapy import Request, Spider
from scrapy.settings import Settings
from scrapy.utils.test import get_crawler
from spiders.page_pool import PageReusingHandler

async def main():
    settings = Settings()
    settings.setmodule("spiders.settings")
    settings.set("PLAYWRIGHT_MAX_PAGES_PER_CONTEXT", 1)
    crawler = get_crawler(Spider, settings_dict=settings.copy_to_dict())
    crawler.spider = spider = Spider("pages")
    handler = PageReusingHandler(crawler)
    await handler._launch()
    def request():
        return Request("http://127.0.0.1/", meta={"playwright": True, "playwright_context": "desktop"})
    first = await handler._create_page(request(), spider)  # the browser and its context are up
    await first.close()
    for _ in range(5):
        opening = asyncio.ensure_future(handler._create_page(request(), spider))
        await asyncio.sleep(0)  # under way: Chromium is opening the page
        opening.cancel()
        try:
            await opening
        except asyncio.CancelledError:
            pass
    try:
        page = await asyncio.wait_for(handler._create_page(request(), spider), 30)  # bounds the suite only
    except TimeoutError:
        print(json.dumps({"error": "no page came"}), flush=True)
    else:
        print(json.dumps({"open": len(page.context.pages), "mine": page.context.pages == [page]}), flush=True)
    await handler._close()

asyncio.get_event_loop().run_until_complete(main())
"""


def test_renders_cancelled_while_their_page_opens_give_their_place_back(tmp_path: Path) -> None:
    script = tmp_path / "cancelled.py"
    script.write_text(CANCELLED, encoding="utf-8")
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run(
        [sys.executable, str(script)], cwd=root, capture_output=True, text=True, timeout=300, check=False
    )
    assert done.returncode == 0, done.stderr
    (line,) = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
    assert line == {"open": 1, "mine": True}
