"""Chat vendors whose embed code is in the HTML as served, before any script runs."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from bs4 import BeautifulSoup

from auditor.gather.extract.chat.vendors import Vendor, signal_pattern, url_matches, vendor_by_id, vendors


@dataclass
class FoundWidget:
    """One vendor's widget on one page: what gave it away and, once rendered, where it sits."""

    vendor: str
    evidence: list[str] = field(default_factory=list)
    retired: bool = False
    box: dict[str, Any] | None = None
    instances: int = 1
    failed_requests: list[str] = field(default_factory=list)


@lru_cache(maxsize=256)
def _assignment(name: str) -> re.Pattern[str]:
    # `window.Tawk_API = ...`, `var $crisp=[]`, `w.ChatraID = '...'`: the snippet
    # defines the global, which is stronger than the name merely appearing.
    return re.compile(r"(?<![\w$])" + re.escape(name) + r"\s*=(?!=)")


# What ends a URL written in script code: quotes, spaces, brackets, operators.
_URL_EDGE = re.compile(r"[\s'\"`()\[\]{},;+<>]")


def _loads_from(signal: str, code: str) -> bool:
    """Whether inline code names the vendor's host as the place to load from.

    `'https://embed.vendor.example/x'` does; `'../copy.html?link=https://embed.vendor.example/x'`
    (a site copier's rewrite) does not: there the host is only a parameter of a local page.
    """
    for match in signal_pattern(signal).finditer(code):
        edges = list(_URL_EDGE.finditer(code, 0, match.start()))
        url_start = edges[-1].end() if edges else 0
        if not re.search(r"[?#&]", code[url_start : match.start()]):
            return True
    return False


def find_in_html(soup: BeautifulSoup) -> list[FoundWidget]:
    """Vendors whose embed snippet or script tag is in the page, with how many times it is embedded."""
    scripts = soup.find_all("script")
    found: list[FoundWidget] = []
    for vendor in vendors():
        evidence: list[str] = []
        embeds = 0
        for script in scripts:
            src = str(script.get("src") or "")
            text = "" if src else script.get_text()
            hosts = [h for h in vendor.script_hosts if (url_matches(h, src) if src else _loads_from(h, text))]
            evidence += [f"script:{h}" for h in hosts]
            names = [n for n in vendor.globals if text and _assignment(n).search(text)]
            evidence += [f"snippet:{n}" for n in names]
            embeds += bool(hosts)
        if evidence:
            found.append(
                FoundWidget(vendor.id, list(dict.fromkeys(evidence)), vendor.retired, instances=max(embeds, 1))
            )
    return found


# Evidence that the vendor's code ran or was fetched in the rendered page. A global
# the page's own snippet assigns (`var Tawk_API = ...`) proves nothing: the snippet
# defines it even when its loader points nowhere.
_RAN = ("request:", "script:", "dom:", "floating-link:", "global:")


def _live(vendor: Vendor | None, rendered: FoundWidget, assigned: set[str]) -> bool:
    for item in rendered.evidence:
        kind, _, name = item.partition(":")
        if f"{kind}:" not in _RAN or (kind == "global" and name in assigned):
            continue
        # A messaging button is a link or a script; a class name alone is only styling.
        if kind == "dom" and vendor is not None and vendor.floating_links:
            continue
        return True
    return False


def live_widgets(in_html: list[FoundWidget], rendered: list[FoundWidget]) -> tuple[list[FoundWidget], list[str]]:
    """The widgets of a rendered page: those whose code ran or was fetched there.

    `in_html` is what the page's markup shows (snippets, script tags), `rendered` what
    the browser saw (globals, DOM, requests). A vendor whose markup is there but whose
    code never ran is left out, with a warning saying why.
    """
    html_by_vendor = {w.vendor: w for w in in_html}
    kept: list[FoundWidget] = []
    for widget in rendered:
        earlier = html_by_vendor.get(widget.vendor)
        assigned = {e.split(":", 1)[1] for e in (earlier.evidence if earlier else []) if e.startswith("snippet:")}
        if not _live(vendor_by_id(widget.vendor), widget, assigned):
            continue
        if earlier is not None:
            widget.evidence = list(dict.fromkeys([*earlier.evidence, *widget.evidence]))
        kept.append(widget)
    names = {v.id: v.name for v in vendors()}
    live = {w.vendor for w in kept}
    warnings = [
        f"{names.get(w.vendor, w.vendor)} code is in the page but did not load; it is not counted as a chat"
        for w in [*in_html, *rendered]
        if w.vendor not in live
    ]
    return kept, list(dict.fromkeys(warnings))


def settings_only(evidence: list[str]) -> bool:
    """The markup holds a vendor's settings (`snippet:` globals) and nothing that loads it."""
    return bool(evidence) and all(e.startswith("snippet:") for e in evidence)
