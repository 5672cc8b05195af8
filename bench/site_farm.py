"""A generated shop-and-blog site whose JavaScript alone shows some chat widgets and emails.

    python bench/site_farm.py DIR --pages 300 [--seed 7]      # write it and print its manifest

The site has the shape of a small company's: a header with a nav, a footer with the
address, phone and email on every page, a contact page with a form, and product,
blog and help pages in their sections (/shop/<category>/…, /blog/<year>/…,
/support/…), reachable through paginated listings. Every page loads /js/site.js;
each section loads its own script. On a few deep shop and blog pages a chat widget
or an email appears only once JavaScript runs, by one of three triggers:

  own-script  the page alone includes a small script that loads the widget or writes the email
  path-list   the section's shared script acts on a list of paths it carries
  data-attr   the section's shared script acts on a data attribute of the page

The widget is a local stand-in (/js/vendor/livechat.js) that draws Intercom's
documented launcher and defines its global, so the audit can name the vendor
without any request leaving 127.0.0.1. Some pages answer slowly (`Farm.slow`).
Everything is decided by the seed.
"""

from __future__ import annotations

import argparse
import html
import json
import math
import random
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import ClassVar

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from auditor.demo.sitehost import QuietHandler, serve

PER_LISTING = 24
SLOW_SHARE = 0.05
SLOW_SECONDS = 1.5
VENDOR = "intercom"
TRIGGERS = ("own-script", "path-list", "data-attr")
CATEGORIES = ("bikes", "parts", "clothing", "accessories")
ADJECTIVES = ("Steel", "Alloy", "Touring", "Gravel", "Urban", "Trail", "Classic", "Folding", "Winter", "Light")
NOUNS = ("Frame", "Wheelset", "Saddle", "Jacket", "Lamp", "Pannier", "Tyre", "Pump", "Lock", "Bell", "Glove")
TOPICS = ("Commuting", "Maintenance", "Touring", "Winter riding", "Wheel building", "Route planning", "Bike fitting")
SENTENCES = (
    "Every frame is brazed by hand in our workshop and checked twice before it ships.",
    "We stock spare parts for every model we have sold since the workshop opened.",
    "Orders placed before noon leave the same day; returns are free within thirty days.",
    "Our mechanics test each wheel on the truing stand and again after a week of riding.",
    "Prices include VAT; shipping inside the EU is free for orders over 80 euros.",
    "The steel we use is drawn in Europe and takes a scratch without rusting through.",
    "Riders send us photos from every continent, and we read every one of them.",
)
MAILBOXES = ("advice", "press", "wholesale", "returns", "workshop", "events", "fleet", "service")


@dataclass(frozen=True)
class Plant:
    """Something only JavaScript shows: a chat widget (value: vendor id) or an email (value: address)."""

    kind: str
    trigger: str
    path: str
    value: str


@dataclass
class Farm:
    root: Path
    domain: str
    pages: list[str] = field(default_factory=list)
    plants: list[Plant] = field(default_factory=list)
    slow: dict[str, float] = field(default_factory=dict)

    def manifest(self) -> dict[str, object]:
        return {
            "domain": self.domain,
            "pages": len(self.pages),
            "plants": [asdict(p) for p in self.plants],
            "slow": self.slow,
        }


@dataclass
class _Page:
    path: str
    title: str
    section: str
    body: str
    scripts: list[str] = field(default_factory=list)
    main_attrs: str = ""


def _split(rest: int) -> tuple[int, int, int]:
    """Products, posts and help articles for `rest` pages once listing pages are counted."""
    extra = 0
    for _ in range(6):
        items = rest - extra
        products, posts = max(1, items * 55 // 100), max(1, items * 30 // 100)
        extra = max(0, math.ceil(products / PER_LISTING) - 1) + max(0, math.ceil(posts / PER_LISTING) - 1)
    helps = rest - extra - products - posts
    return products, posts, max(0, helps)


def _listing_paths(section: str, count: int) -> list[str]:
    return [f"/{section}/"] + [f"/{section}/page/{n}/" for n in range(2, math.ceil(count / PER_LISTING) + 1)]


def _layout(page: _Page, domain: str, company: str) -> str:
    nav = " ".join(
        f'<a href="{href}">{label}</a>'
        for href, label in (
            ("/", "Home"),
            ("/shop/", "Shop"),
            ("/blog/", "Blog"),
            ("/support/", "Support"),
            ("/about/", "About"),
            ("/contact/", "Contact"),
        )
    )
    scripts = "".join(f'<script src="{src}" defer></script>' for src in ["/js/site.js", *page.scripts])
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{html.escape(page.title)} · {company}</title>"
        '<link rel="stylesheet" href="/css/site.css">'
        "<script>window.dataLayer = window.dataLayer || []; dataLayer.push({event: 'page'});</script>"
        f"{scripts}</head><body>"
        f'<header><a class="logo" href="/">{company}</a><nav>{nav}</nav><span id="cart"></span></header>'
        f"<main{page.main_attrs}><h1>{html.escape(page.title)}</h1>{page.body}</main>"
        f"<footer><p>{company} GmbH · Hafenstraße 12 · 20457 Hamburg</p>"
        f'<p><a href="tel:+4940300512">+49 40 300 512</a> · <a href="mailto:info@{domain}">info@{domain}</a></p>'
        f'<p><a href="/imprint/">Imprint</a> · <a href="/contact/">Contact us</a></p></footer>'
        "</body></html>\n"
    )


def _links(items: list[tuple[str, str]]) -> str:
    return "<ul>" + "".join(f'<li><a href="{p}">{html.escape(t)}</a></li>' for p, t in items) + "</ul>"


def _section_script(section: str, path_plants: list[Plant]) -> str:
    chats = [p.path for p in path_plants if p.kind == "widget"]
    mails = {p.path: p.value.split("@") for p in path_plants if p.kind == "email"}
    return f"""// The {section} section's own script: small conveniences, and help where it is wanted.
(function () {{
  var CHAT_PAGES = {json.dumps(chats)};
  var TEAM_PAGES = {json.dumps(mails)};
  function loadChat() {{
    var s = document.createElement("script");
    s.src = "/js/vendor/livechat.js";
    s.async = true;
    document.head.appendChild(s);
  }}
  function writeMail(box, user, host) {{
    var p = document.createElement("p");
    p.innerHTML = "Questions? Write to <a href='mailto:" + user + "@" + host + "'>" + user + "@" + host + "</a>";
    box.appendChild(p);
  }}
  document.addEventListener("DOMContentLoaded", function () {{
    var main = document.querySelector("main");
    if (CHAT_PAGES.indexOf(location.pathname) >= 0 || main.hasAttribute("data-live-advice")) loadChat();
    var team = TEAM_PAGES[location.pathname];
    if (team) writeMail(main, team[0], team[1]);
    if (main.dataset.mailUser) writeMail(main, main.dataset.mailUser, main.dataset.mailHost);
  }});
}})();
"""


SITE_JS = """// Every page: the mobile nav toggle and the cart counter.
document.addEventListener("DOMContentLoaded", function () {
  var cart = document.getElementById("cart");
  if (cart) cart.textContent = "Cart (" + (localStorage.getItem("cart") || 0) + ")";
  document.querySelector("header").classList.add("js");
});
"""
# A stand-in for a chat vendor's widget: Intercom's documented launcher and global, drawn locally.
LIVECHAT_JS = """// Local stand-in for a chat vendor's widget script (benchmark only): it draws the
// vendor's documented launcher bottom-right and defines its global; it fetches nothing.
(function () {
  var app = document.createElement("div");
  app.className = "intercom-lightweight-app";
  app.innerHTML = '<div class="intercom-lightweight-app-launcher intercom-launcher" role="button" ' +
    'aria-label="Open Intercom Messenger" style="position:fixed;bottom:20px;right:20px;width:48px;' +
    'height:48px;border-radius:50%;background:#1f8ded;z-index:2147483003;cursor:pointer"></div>';
  document.body.appendChild(app);
  window.Intercom = function () {};
})();
"""
OWN_CHAT_JS = """// This page's expert advice: load the chat.
(function () {
  var s = document.createElement("script");
  s.src = "/js/vendor/livechat.js";
  s.async = true;
  document.head.appendChild(s);
})();
"""
SITE_CSS = "body{font-family:sans-serif;margin:0}header,footer{padding:1em;background:#f4f4f4}main{padding:1em}\n"


def _own_mail_js(address: str) -> str:
    user, host = address.split("@")
    return (
        "// This page's team contact, written when the page loads.\n"
        "document.addEventListener('DOMContentLoaded', function () {\n"
        f"  var u = {json.dumps(user)}, h = {json.dumps(host)};\n"
        "  var p = document.createElement('p');\n"
        "  p.innerHTML = \"Team contact: <a href='mailto:\" + u + '@' + h + \"'>\" + u + '@' + h + '</a>';\n"
        "  document.querySelector('main').appendChild(p);\n"
        "});\n"
    )


def _text(rng: random.Random, sentences: int = 3) -> str:
    return "".join(f"<p>{s}</p>" for s in rng.sample(SENTENCES, sentences))


def _items(rng: random.Random, products: int, posts: int, helps: int) -> list[_Page]:
    out = []
    for n in range(products):
        category = CATEGORIES[n % len(CATEGORIES)]
        title = f"{rng.choice(ADJECTIVES)} {rng.choice(NOUNS)} {n + 1}"
        body = f"<p class='price'>{rng.randint(19, 2400)} €</p>{_text(rng)}<button>Add to cart</button>"
        out.append(_Page(f"/shop/{category}/item-{n + 1}.html", title, "shop", body, ["/js/shop.js?v=3"]))
    for n in range(posts):
        year = 2019 + n % 6
        title = f"{rng.choice(TOPICS)}: notes {n + 1}"
        out.append(_Page(f"/blog/{year}/post-{n + 1}.html", title, "blog", _text(rng, 4), ["/js/blog.js?v=3"]))
    for n in range(helps):
        title = f"Help: {rng.choice(TOPICS).lower()} ({n + 1})"
        out.append(_Page(f"/support/article-{n + 1}.html", title, "support", _text(rng, 2), ["/js/support.js?v=3"]))
    return out


def _listings(section: str, title: str, items: list[_Page], script: str) -> list[_Page]:
    paths = _listing_paths(section, len(items))
    pager = "<p class='pager'>" + " ".join(f'<a href="{p}">{n + 1}</a>' for n, p in enumerate(paths)) + "</p>"
    out = []
    for n, path in enumerate(paths):
        chunk = items[n * PER_LISTING : (n + 1) * PER_LISTING]
        out.append(
            _Page(path, f"{title} ({n + 1})", section, _links([(i.path, i.title) for i in chunk]) + pager, [script])
        )
    return out


def _plant(rng: random.Random, items: list[_Page], featured: set[str], pages: int, domain: str) -> list[Plant]:
    # Shop and blog pages only: the audit counts help articles (/support/…) as contact pages.
    deep = [i for i in items if i.path not in featured and i.section in ("shop", "blog")]
    widgets, emails = max(1, pages // 100), max(1, pages // 150)
    chosen = rng.sample(deep, min(len(deep), widgets + emails))
    plants = []
    for n, item in enumerate(chosen):
        kind = "widget" if n < widgets else "email"
        trigger = TRIGGERS[(n if kind == "widget" else n - widgets + 1) % len(TRIGGERS)]
        value = VENDOR if kind == "widget" else f"{MAILBOXES[n % len(MAILBOXES)]}.{n + 1}@{domain}"
        plants.append(Plant(kind, trigger, item.path, value))
        if trigger == "own-script":
            script = f"/js/page/{'advice' if kind == 'widget' else 'team'}-{n + 1}.js"
            item.scripts.append(script)
        elif trigger == "data-attr":
            if kind == "widget":
                item.main_attrs = ' data-live-advice="1"'
            else:
                user, host = value.split("@")
                item.main_attrs = f' data-mail-user="{user}" data-mail-host="{host}"'
    return plants


def generate(root: Path, pages: int, seed: int = 7) -> Farm:
    """Write a site of exactly `pages` HTML pages (10 to 500) under `root`."""
    if not 10 <= pages <= 500:
        raise ValueError("pages must be between 10 and 500")
    rng = random.Random(seed)
    company = rng.choice(("Nordrad", "Velohaus", "Speiche", "Kettenblatt"))
    farm = Farm(root=root, domain=f"{company.lower()}.de")
    products, posts, helps = _split(pages - 7)
    items = _items(rng, products, posts, helps)
    shop = [i for i in items if i.section == "shop"]
    blog = [i for i in items if i.section == "blog"]
    support = [i for i in items if i.section == "support"]
    featured = {i.path for i in shop[:4] + blog[:3]}
    home_body = _text(rng, 2) + "<h2>Featured</h2>" + _links([(i.path, i.title) for i in shop[:4] + blog[:3]])
    form = (
        '<form action="/contact/send" method="post"><label>Name <input name="name" required></label>'
        '<label>Email <input type="email" name="email" required></label>'
        '<label>Message <textarea name="message" required></textarea></label><button>Send</button></form>'
    )
    fixed = [
        _Page("/", f"{company}: bicycles built to last", "home", home_body),
        _Page("/about/", "About us", "about", _text(rng, 4)),
        _Page("/imprint/", "Imprint", "imprint", f"<p>{company} GmbH, Hafenstraße 12, 20457 Hamburg.</p>"),
        _Page("/contact/", "Contact", "contact", f"<p>Sales: sales@{farm.domain}</p>{form}"),
        _Page("/support/", "Support", "support", _links([(i.path, i.title) for i in support]), ["/js/support.js?v=3"]),
    ]
    listings = _listings("shop", "Shop", shop, "/js/shop.js?v=3") + _listings("blog", "Blog", blog, "/js/blog.js?v=3")
    farm.plants = _plant(rng, items, featured, pages, farm.domain)
    every = fixed + listings + items
    for page in every:
        target = root / page.path.lstrip("/")
        if page.path.endswith("/"):
            target = target / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(_layout(page, farm.domain, company), encoding="utf-8")
        farm.pages.append(page.path)
    for section in ("shop", "blog", "support"):
        planted = [p for p in farm.plants if p.trigger == "path-list" and p.path.startswith(f"/{section}/")]
        _write(root / "js" / f"{section}.js", _section_script(section, planted))
    for n, plant in enumerate(farm.plants):
        if plant.trigger == "own-script":
            name = f"{'advice' if plant.kind == 'widget' else 'team'}-{n + 1}.js"
            _write(root / "js" / "page" / name, OWN_CHAT_JS if plant.kind == "widget" else _own_mail_js(plant.value))
    _write(root / "js" / "site.js", SITE_JS)
    _write(root / "js" / "vendor" / "livechat.js", LIVECHAT_JS)
    _write(root / "css" / "site.css", SITE_CSS)
    _write(root / "robots.txt", "User-agent: *\nAllow: /\n")
    planted_paths = {p.path for p in farm.plants}
    candidates = sorted(i.path for i in items if i.path not in planted_paths)
    farm.slow = dict.fromkeys(rng.sample(candidates, round(len(items) * SLOW_SHARE)), SLOW_SECONDS)
    return farm


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


class _FarmHandler(QuietHandler):
    slow: ClassVar[dict[str, float]] = {}

    def do_GET(self) -> None:  # noqa: N802 - the stdlib's name
        delay = self.slow.get(self.path.split("?")[0])
        if delay:
            time.sleep(delay)
        super().do_GET()


@contextmanager
def serve_farm(farm: Farm) -> Iterator[str]:
    """Serve the farm on 127.0.0.1, its slow pages late; yield the base URL."""
    handler = type("FarmHandler", (_FarmHandler,), {"slow": dict(farm.slow)})
    with serve(farm.root, handler_class=handler) as base:
        yield base


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("dir", type=Path)
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    farm = generate(args.dir, args.pages, args.seed)
    print(json.dumps(farm.manifest(), indent=2))


if __name__ == "__main__":
    main()
