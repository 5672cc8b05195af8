"""Chat vendors whose embed code is in the HTML as served, before any script runs."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from bs4 import BeautifulSoup

from auditor.extract.chat.vendors import signal_in, url_matches, vendors


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
            hosts = [h for h in vendor.script_hosts if (url_matches(h, src) if src else signal_in(h, text))]
            evidence += [f"script:{h}" for h in hosts]
            names = [n for n in vendor.globals if text and _assignment(n).search(text)]
            evidence += [f"snippet:{n}" for n in names]
            embeds += bool(hosts)
        if evidence:
            found.append(
                FoundWidget(vendor.id, list(dict.fromkeys(evidence)), vendor.retired, instances=max(embeds, 1))
            )
    return found
