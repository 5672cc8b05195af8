"""Scrapy settings for contact-auditor's spiders (`scrapy.cfg` points here).

The `contact-audit` command overrides the CONTACT_AUDIT_* values from its
options and config file; everything else is plain Scrapy and scrapy-playwright.
"""

from auditor import __version__
from auditor.gather.browser import CHROMIUM_ARGS

BOT_NAME = "contact-auditor"
SPIDER_MODULES = ["spiders"]
NEWSPIDER_MODULE = "spiders"

USER_AGENT = f"contact-auditor/{__version__} (contact-channel audit; obeys robots.txt)"
ROBOTSTXT_OBEY = True
ROBOTSTXT_USER_AGENT = "contact-auditor"

# Polite by default: one site, few parallel requests, a pause between them.
CONCURRENT_REQUESTS = 8
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = 1.0
DOWNLOAD_DELAY_JITTER = 0.5
DOWNLOAD_TIMEOUT = 20
# The hard bound on a response, decompressed (a compression bomb stops here); a page is
# read only up to its first MAX_HTML_BYTES, where the spider stops its download.
DOWNLOAD_MAXSIZE = 64 * 1024 * 1024
DOWNLOAD_WARNSIZE = 0
RETRY_TIMES = 1
COOKIES_ENABLED = True
TELNETCONSOLE_ENABLED = False
DEPTH_PRIORITY = 1
LOG_LEVEL = "INFO"

TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
DOWNLOAD_HANDLERS = {
    "http": "spiders.page_pool.PageReusingHandler",
    "https": "spiders.page_pool.PageReusingHandler",
}
# Each site's concurrency holds at --delay 0 too (spiders/downloader.py).
DOWNLOADER = "spiders.downloader.Downloader"
# The audit's scope on every request, redirects included (spiders/guard.py).
DOWNLOADER_MIDDLEWARES = {"spiders.guard.ScopeMiddleware": 50}
PLAYWRIGHT_BROWSER_TYPE = "chromium"
PLAYWRIGHT_LAUNCH_OPTIONS = {
    "executable_path": "/usr/bin/chromium",
    "headless": True,
    "args": list(CHROMIUM_ARGS),
}
PLAYWRIGHT_DEFAULT_NAVIGATION_TIMEOUT = 20_000
PLAYWRIGHT_ABORT_REQUEST = "spiders.rendering.skip_heavy_resources"
PLAYWRIGHT_MAX_PAGES_PER_CONTEXT = 2

CONTACT_AUDIT_MAX_PAGES = 50
CONTACT_AUDIT_MAX_DEPTH = 5
CONTACT_AUDIT_RENDER = True
CONTACT_AUDIT_RENDER_BUDGET = 50
CONTACT_AUDIT_RENDER_SETTLE_MS = 1000
# Per rendered page and viewport: the most time spent waiting for chat widgets to
# appear and settle (after the load event, nudges included).
CONTACT_AUDIT_RENDER_PAGE_BUDGET_MS = 6000
# Render pages with a chat widget (and the home page) a second time as a phone.
CONTACT_AUDIT_RENDER_MOBILE = True
# The run directory, where screenshots go; none (no screenshots) outside an audit run.
CONTACT_AUDIT_RUN_DIR = None
REMOTE_CONTROL_ENABLED = False
