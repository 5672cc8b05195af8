"""Many small generated sites, each served on its own 127.0.0.1 port: the load for batch audits.

    python bench/batch_farm.py DIR [--sites 100] [--pages 10] [--seed 7]   # write them, print the manifest
    python bench/batch_farm.py DIR --serve                                # ... and serve them until Ctrl-C

Each site is a small company's: a home page, a contact page with an email address
and a phone number, and inner pages (8 by default) that link to each other, to the
home page and to the contact page; every page has the same header and footer. There
is no JavaScript: what a page shows is in its HTML. Everything is decided by the seed.

The sites are served by the standard library alone (one ThreadingHTTPServer a site,
each in a thread), so the farm does not depend on the auditor's own modules.
"""

from __future__ import annotations

import argparse
import html
import json
import random
import threading
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager, suppress
from dataclasses import dataclass, field
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

COMPANIES = ("Nordlicht", "Kiesel", "Hafenblick", "Lindenhof", "Sonnenwerk", "Ahornweg", "Morgenrot", "Wellen")
TRADES = ("Bakery", "Joinery", "Bike Repair", "Dentistry", "Bookshop", "Tax Advice", "Garden Design", "Print Shop")
TOPICS = ("Services", "Prices", "Team", "History", "Opening hours", "Jobs", "Projects", "Partners", "Press", "FAQ")
SENTENCES = (
    "We have served the neighbourhood for more than twenty years and know most of our customers by name.",
    "Every order is checked twice before it leaves the workshop.",
    "Appointments can be made by phone, by email or in person during opening hours.",
    "Our prices include VAT; a written quote is free and binding for thirty days.",
    "We train two apprentices every year and are proud of every one of them.",
    "Parking is free in the courtyard behind the building.",
)


@dataclass(frozen=True)
class Site:
    """One generated site: its folder, the contacts its contact page shows, and its page paths."""

    name: str
    root: Path
    company: str
    email: str
    phone: str
    pages: list[str] = field(default_factory=list)

    def manifest(self) -> dict[str, Any]:
        return {"name": self.name, "email": self.email, "phone": self.phone, "pages": self.pages}


def _inner_path(n: int) -> str:
    return f"/{TOPICS[n % len(TOPICS)].lower().replace(' ', '-')}-{n + 1}.html"


def _layout(title: str, body: str, site: Site, nav: list[tuple[str, str]], script: bool = False) -> str:
    links = " ".join(f'<a href="{href}">{html.escape(label)}</a>' for href, label in nav)
    head_script = '<script src="/site.js" defer></script>' if script else ""
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)} · {html.escape(site.company)}</title>{head_script}</head><body>"
        f'<header><a href="/">{html.escape(site.company)}</a><nav>{links}</nav></header>'
        f"<main><h1>{html.escape(title)}</h1>{body}</main>"
        f"<footer><p>{html.escape(site.company)} · Lindenstraße 4 · 10115 Berlin</p>"
        '<p><a href="/contact/">Contact</a></p></footer></body></html>\n'
    )


def _text(rng: random.Random, count: int) -> str:
    return "".join(f"<p>{s}</p>" for s in rng.sample(SENTENCES, count))


def write_site(root: Path, name: str, pages: int, rng: random.Random, scripts: bool = False) -> Site:
    """Write one site of `pages` HTML pages (home, contact, `pages - 2` inner pages) under `root`.

    With `scripts` every page loads the site's own small script, as most real sites do."""
    if pages < 2:
        raise ValueError("a site needs at least 2 pages: the home page and the contact page")
    company = f"{rng.choice(COMPANIES)} {rng.choice(TRADES)}"
    number = rng.randint(1000, 9999)
    site = Site(
        name=name,
        root=root,
        company=company,
        email=f"contact@{name}-{rng.choice(COMPANIES).lower()}.de",
        phone=f"+49 30 5550 {number}",
    )
    inner = [_inner_path(n) for n in range(pages - 2)]
    nav = [("/", "Home"), *((p, TOPICS[n % len(TOPICS)]) for n, p in enumerate(inner[:3])), ("/contact/", "Contact")]
    everything = ", ".join(f'<a href="{p}">{TOPICS[n % len(TOPICS)]}</a>' for n, p in enumerate(inner))
    contact = (
        f"<p>Write to <a href='mailto:{site.email}'>{site.email}</a> "
        f"or call <a href='tel:{site.phone.replace(' ', '')}'>{site.phone}</a>.</p>"
        "<p>We answer within one working day.</p>"
    )
    documents = {
        "/": (f"Welcome to {company}", _text(rng, 2) + f"<p>More: {everything}</p>"),
        "/contact/": ("Contact", contact),
    }
    for n, path in enumerate(inner):
        others = ", ".join(f'<a href="{p}">{TOPICS[m % len(TOPICS)]}</a>' for m, p in enumerate(inner) if m != n)
        documents[path] = (TOPICS[n % len(TOPICS)], _text(rng, 3) + f"<p>See also: {others}</p>")
    for path, (title, body) in documents.items():
        target = root / path.lstrip("/")
        if path.endswith("/"):
            target = target / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(_layout(title, body, site, nav, scripts), encoding="utf-8")
        site.pages.append(path)
    if scripts:
        (root / "site.js").write_text("document.documentElement.dataset.ready = 'yes';\n", encoding="utf-8")
    (root / "robots.txt").write_text("User-agent: *\nAllow: /\n", encoding="utf-8")
    return site


def generate(root: Path, sites: int = 100, pages: int = 10, seed: int = 7, scripts: bool = False) -> list[Site]:
    """Write `sites` sites of `pages` pages each into root/site-001, root/site-002, …"""
    rng = random.Random(seed)
    return [write_site(root / f"site-{n:03d}", f"site-{n:03d}", pages, rng, scripts) for n in range(1, sites + 1)]


class _QuietHandler(SimpleHTTPRequestHandler):
    """A static file handler that writes no log line per request."""

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the stdlib's name
        pass


@contextmanager
def _serve_one(root: Path) -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_QuietHandler, directory=str(root)))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name=f"batch-farm-{root.name}", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@contextmanager
def serve_sites(sites: list[Site]) -> Iterator[list[str]]:
    """Serve each site on its own free 127.0.0.1 port; yield their base URLs (`http://127.0.0.1:PORT`) in order."""
    with ExitStack() as stack:
        yield [stack.enter_context(_serve_one(site.root)) for site in sites]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("dir", type=Path)
    parser.add_argument("--sites", type=int, default=100)
    parser.add_argument("--pages", type=int, default=10)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--scripts", action="store_true", help="every page loads the site's own script")
    parser.add_argument("--serve", action="store_true", help="serve the sites on 127.0.0.1 until Ctrl-C")
    args = parser.parse_args()
    sites = generate(args.dir, args.sites, args.pages, args.seed, args.scripts)
    if not args.serve:
        print(json.dumps([site.manifest() for site in sites], indent=2))
        return
    with serve_sites(sites) as urls:
        print(json.dumps([{**site.manifest(), "url": url} for site, url in zip(sites, urls, strict=True)], indent=2))
        with suppress(KeyboardInterrupt):
            threading.Event().wait()


if __name__ == "__main__":
    main()
