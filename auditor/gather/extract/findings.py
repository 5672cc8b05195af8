"""What one page shows, as extraction hands it to the crawl: its artifact and its contacts."""

from __future__ import annotations

from dataclasses import dataclass, field

from auditor.artifacts import Channels, Page
from auditor.gather.extract.brand import PageBrand


@dataclass
class PageFindings:
    """What one page shows: its artifact and the contacts found on it."""

    page: Page
    channels: Channels = field(default_factory=Channels)
    # What can change the page after it loads (see auditor.gather.extract.scripts).
    scripts: frozenset[str] = frozenset()
    app_shell: bool = False
    hooks: frozenset[str] = frozenset()
    # Whether the page was read as HTML (not a PDF, an image or a page that failed).
    parsed: bool = False
    # The names the page gives the site's owner (og:site_name, JSON-LD, copyright line).
    brand: PageBrand = field(default_factory=PageBrand)
    # What the page shows as one key (auditor.gather.extract.views): pages with one view are
    # one page; whether it shows no readable text; whether its heading says "not found".
    view: str = ""
    blank: bool = False
    says_not_found: bool = False
