"""A generated single-page app with history routing, whose contacts only its bundle shows.

    python bench/spa_farm.py DIR --routes 100 [--seed 7]      # write it and print its manifest

The app has the shape of a small outdoor shop's: one index.html with an empty
`<div id="root">` and one bundle (/assets/app.<hash>.js) that draws the header, nav and
footer and each route's view; links to the app's routes are taken over with pushState,
and the server answers every route without an extension with the same index.html
(`sitehost.serve(..., spa_roots={"/": DIR})`). Routes: home, about, contact, faq,
privacy, terms, products, blog posts and help articles (3:3:2) behind paginated listings,
and /partners, which only a nav `<button>` without href reaches. An unknown route draws
a "not found" view; the footer's "Contact us" links to a mistyped route that draws it.

Planted, only visible once the bundle ran (put together from pieces, so neither the HTML
nor the bundle holds one as written): 8 emails on distinct inner routes, a phone and a
WhatsApp link on /contact, and a chat loader (a local copy of the tests' Crisp stand-in,
/chat/stand-ins/client.crisp.chat/l.js) that runs on 3 inner routes only.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import random
import shutil
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CRISP_STAND_IN = "chat/stand-ins/client.crisp.chat/l.js"
CHAT_VENDOR = "crisp"
PER_LISTING = 12
FIXED = ("/", "/about", "/contact", "/faq", "/privacy", "/terms", "/partners")
BUTTON_ROUTE = "/partners"
MISTYPED_ROUTE = "/contatc"
COMPANY = "Larchwood Outdoor"
MAIL_HOST = ("larchwood-outdoor", "co", "uk")
PHONE = ("+44", "20", "7946", "0618")
WHATSAPP = ("44", "7700", "900733")
ADJECTIVES = ("Alpine", "Trail", "Storm", "Summit", "Ridge", "Canyon", "Forest", "Glacier", "Coastal", "Valley")
NOUNS = ("Tent", "Rucksack", "Jacket", "Stove", "Lantern", "Boots", "Sleeping Bag", "Poles", "Flask", "Gaiters")
TOPICS = ("Wild camping", "Layering", "Map reading", "Winter hiking", "Packing light", "Trail food", "River crossings")
HELP_TOPICS = ("Delivery times", "Returns", "Warranty", "Sizing", "Gift cards", "Repairs", "Payment", "Tracking")
SENTENCES = (
    "Every tent is pitched in our yard before it is packed and sent.",
    "We repair what we sell for as long as spare parts exist.",
    "Orders placed before two o'clock leave the warehouse the same day.",
    "Our staff walk the hills they write about, in every season.",
    "Prices include VAT; delivery in the UK is free over fifty pounds.",
    "Returns are free within sixty days, used or not.",
)


@dataclass(frozen=True)
class Plant:
    """Something only the rendered route shows: an email (value: the address) or a chat (value: the vendor)."""

    kind: str
    route: str
    value: str
    # "link": some `a[href]` leads to the route; "button": only a nav <button> calling pushState does.
    reached_by: str = "link"


@dataclass
class SpaFarm:
    root: Path
    routes: list[str] = field(default_factory=list)
    plants: list[Plant] = field(default_factory=list)
    button_route: str = BUTTON_ROUTE
    mistyped_route: str = MISTYPED_ROUTE

    def manifest(self) -> dict[str, object]:
        return {
            "routes": len(self.routes),
            "button_route": self.button_route,
            "mistyped_route": self.mistyped_route,
            "plants": [asdict(p) for p in self.plants],
        }


def _split(total: int) -> tuple[int, int, int]:
    """Products, blog posts and help articles, so that with the fixed routes and the
    listing pages the app has `total` routes."""
    for items in range(total - len(FIXED), 2, -1):
        products, posts = max(1, round(items * 3 / 8)), max(1, round(items * 3 / 8))
        helps = max(1, items - products - posts)
        listings = sum(math.ceil(n / PER_LISTING) for n in (products, posts, helps))
        if len(FIXED) + products + posts + helps + listings <= total:
            return products, posts, helps
    raise ValueError(f"an app of {total} routes is too small (at least 13)")


def _view(title: str, paragraphs: list[str], links: list[tuple[str, str]] | None = None) -> dict[str, Any]:
    return {"title": title, "paragraphs": paragraphs, "links": links or []}


def _section(
    name: str, label: str, items: list[tuple[str, str]], views: dict[str, dict[str, Any]], rng: random.Random
) -> None:
    """A section's listing pages (/name, /name/page/2, ...) and its items' views."""
    pages = [items[i : i + PER_LISTING] for i in range(0, len(items), PER_LISTING)]
    for number, chunk in enumerate(pages, start=1):
        path = f"/{name}" if number == 1 else f"/{name}/page/{number}"
        pager = [(f"/{name}/page/{number + 1}", "Next page")] if number < len(pages) else []
        views[path] = _view(f"{label} (page {number} of {len(pages)})", [rng.choice(SENTENCES)], chunk + pager)
    for path, title in items:
        views[path] = _view(title, rng.sample(SENTENCES, 3), [(f"/{name}", f"All {label.lower()}")])


def _slug(title: str) -> str:
    return "-".join(title.lower().split())


def _routes(total: int, rng: random.Random) -> tuple[dict[str, dict[str, Any]], list[Plant]]:
    n_products, n_posts, n_helps = _split(total)
    names = [f"{a} {n}" for a in ADJECTIVES for n in NOUNS]
    rng.shuffle(names)
    products = [(f"/products/{_slug(t)}", t) for t in names[:n_products]]
    posts = [(f"/blog/{_slug(t)}-{i + 1}", f"{t}: notes {i + 1}") for i, t in enumerate(TOPICS * n_posts)][:n_posts]
    helps = [(f"/help/{_slug(t)}-{i + 1}", f"{t} ({i + 1})") for i, t in enumerate(HELP_TOPICS * n_helps)][:n_helps]
    views: dict[str, dict[str, Any]] = {
        "/": _view(COMPANY, [SENTENCES[0], SENTENCES[1]], [*products[:3], *posts[:3]]),
        "/about": _view("About us", [SENTENCES[3], "Press enquiries: {{mail:press}}."]),
        "/contact": _view(
            "Contact us",
            ["Call {{tel}} or write to {{mail:hello}}.", "{{whatsapp}}", "We answer within one working day."],
        ),
        "/faq": _view("Questions", ["Something else? Ask us in the chat.", SENTENCES[2]]),
        "/privacy": _view("Privacy", ["Our data protection officer answers at {{mail:privacy}}."]),
        "/terms": _view("Terms of sale", [SENTENCES[4], "Disputes: {{mail:legal}}."]),
        "/partners": _view("Become a stockist", ["Shops that want to sell our kit write to {{mail:partners}}."]),
    }
    _section("products", "Products", products, views, rng)
    _section("blog", "Journal", posts, views, rng)
    _section("help", "Help centre", helps, views, rng)
    # Deep routes, found late by a breadth-first crawl: the last product, post and help article.
    mailboxes = {"/about": "press", "/contact": "hello", "/privacy": "privacy", "/terms": "legal"}
    mailboxes |= {products[-1][0]: "wholesale", posts[-1][0]: "events", helps[-1][0]: "returns"}
    mailboxes[BUTTON_ROUTE] = "partners"
    for route, user in mailboxes.items():
        if route not in FIXED:
            views[route]["paragraphs"].append(f"Questions about this? {{{{mail:{user}}}}}")
    chats = ["/faq", products[len(products) // 2][0], helps[len(helps) // 2][0]]
    for route in chats:
        views[route]["chat"] = True
    host = ".".join(MAIL_HOST)
    plants = [
        Plant("email", route, f"{user}@{host}", "button" if route == BUTTON_ROUTE else "link")
        for route, user in mailboxes.items()
    ]
    plants += [Plant("chat", route, CHAT_VENDOR) for route in chats]
    return views, plants


BUNDLE = """// Larchwood Outdoor's app bundle: one router, every view drawn into #root.
(function () {
  var DATA = __DATA__;
  var at = "@";
  var host = __HOST__.join(".");

  function mail(user) {
    var address = user + at + host;
    return "<a href='" + "mai" + "lto:" + address + "'>" + address + "</a>";
  }
  var tel = __PHONE__;
  var wa = __WHATSAPP__;
  var fill = {
    mail: mail,
    tel: function () { return "<a href='tel:" + tel.join("") + "'>" + tel.join(" ") + "</a>"; },
    whatsapp: function () { return "<a href='https://wa.me/" + wa.join("") + "'>Message us on WhatsApp</a>"; },
  };
  function expand(text) {
    return text.replace(/\\{\\{(\\w+)(?::([\\w-]+))?\\}\\}/g, function (_, kind, arg) { return fill[kind](arg); });
  }

  // The chat vendor's loader, only on the routes that offer the chat (a local stand-in).
  function loadChat() {
    if (window.$crisp) return;
    window.$crisp = [];
    window.CRISP_WEBSITE_ID = "2f6c1d9e-7a4b-4c3d-9e8f-1a2b3c4d5e6f";
    var script = document.createElement("script");
    script.src = "/chat/stand-ins/" + ["client", "crisp", "chat"].join(".") + "/l.js";
    script.async = true;
    document.head.appendChild(script);
  }

  function path() { return location.pathname.replace(/\\/+$/, "") || "/"; }

  function draw() {
    var view = DATA.routes[path()];
    var html;
    if (view) {
      html = "<h1>" + view.title + "</h1>";
      html += view.paragraphs.map(function (p) { return "<p>" + expand(p) + "</p>"; }).join("");
      if (view.links.length) {
        var items = view.links.map(function (l) { return "<li><a href='" + l[0] + "'>" + l[1] + "</a></li>"; });
        html += "<ul>" + items.join("") + "</ul>";
      }
    } else {
      view = { title: "Page not found" };
      html = "<h1>Page not found</h1><p>There is no page at <code>" + location.pathname + "</code>. " +
        "<a href='/'>Back to the shop</a></p>";
    }
    document.title = view.title + " · " + DATA.company;
    document.getElementById("view").innerHTML = html;
    if (view.chat) loadChat();
  }

  function navigate(href) {
    history.pushState({}, "", href);
    draw();
    window.scrollTo(0, 0);
  }

  var nav = [
    ["/products", "Products"], ["/blog", "Journal"], ["/help", "Help"], ["/about", "About"], ["/contact", "Contact"],
  ];
  document.getElementById("root").innerHTML =
    "<header><a class='logo' href='/'>" + DATA.company + "</a><nav>" +
    nav.map(function (n) { return "<a href='" + n[0] + "'>" + n[1] + "</a>"; }).join(" ") +
    " <button type='button' id='stockists'>Stockists</button></nav></header>" +
    "<main id='view'></main>" +
    "<footer><p><a href='/faq'>FAQ</a> · <a href='/privacy'>Privacy</a> · <a href='/terms'>Terms</a> · " +
    "<a href='__MISTYPED__'>Contact us</a></p><p>" + DATA.company + " Ltd · 14 Fell Road · Kendal</p></footer>";

  // The stockists page has no link: the app goes there itself.
  document.getElementById("stockists").addEventListener("click", function () { navigate("__BUTTON__"); });

  document.addEventListener("click", function (event) {
    var link = event.target.closest("a[href]");
    var href = link && link.getAttribute("href");
    if (!href || href.charAt(0) !== "/" || event.button !== 0 || event.metaKey || event.ctrlKey) return;
    event.preventDefault();
    navigate(href);
  });
  window.addEventListener("popstate", draw);
  draw();
})();
"""

INDEX = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Larchwood Outdoor</title><link rel="stylesheet" href="/assets/app.css">
<script type="module" src="/assets/__BUNDLE__"></script></head>
<body><div id="root"></div></body></html>
"""
CSS = "body{font-family:system-ui,sans-serif;margin:0}header,footer{padding:1rem;background:#f3f1ec}\n"


def generate(root: Path, routes: int = 100, seed: int = 7) -> SpaFarm:
    """Write the app into `root` (emptied first); the farm says what was planted where."""
    rng = random.Random(seed)
    views, plants = _routes(routes, rng)
    shutil.rmtree(root, ignore_errors=True)
    (root / "assets").mkdir(parents=True)
    data = {"company": COMPANY, "routes": views}
    bundle = BUNDLE
    for token, value in {
        "__DATA__": json.dumps(data, sort_keys=True),
        "__HOST__": json.dumps(list(MAIL_HOST)),
        "__PHONE__": json.dumps(list(PHONE)),
        "__WHATSAPP__": json.dumps(list(WHATSAPP)),
        "__MISTYPED__": MISTYPED_ROUTE,
        "__BUTTON__": BUTTON_ROUTE,
    }.items():
        bundle = bundle.replace(token, value)
    name = f"app.{hashlib.sha1(bundle.encode()).hexdigest()[:8]}.js"
    (root / "assets" / name).write_text(bundle, encoding="utf-8")
    (root / "assets" / "app.css").write_text(CSS, encoding="utf-8")
    (root / "index.html").write_text(INDEX.replace("__BUNDLE__", name), encoding="utf-8")
    stand_in = root / CRISP_STAND_IN
    stand_in.parent.mkdir(parents=True)
    shutil.copyfile(ROOT / "tests" / "sites" / "chat" / "stand-ins" / "client.crisp.chat" / "l.js", stand_in)
    return SpaFarm(root=root, routes=sorted(views), plants=plants)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("dir", type=Path)
    parser.add_argument("--routes", type=int, default=100)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    farm = generate(args.dir, args.routes, args.seed)
    print(json.dumps(farm.manifest(), indent=2))


if __name__ == "__main__":
    main()
