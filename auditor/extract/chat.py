"""Live-chat widgets: vendor fingerprints matched in raw HTML and in the rendered page."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from bs4 import BeautifulSoup


@dataclass(frozen=True)
class Vendor:
    id: str
    name: str
    script_hosts: tuple[str, ...]
    globals: tuple[str, ...]
    selectors: tuple[str, ...]
    retired: bool = False


@dataclass
class FoundWidget:
    vendor: str
    evidence: list[str] = field(default_factory=list)
    retired: bool = False
    box: dict[str, Any] | None = None


@lru_cache(maxsize=1)
def vendors() -> tuple[Vendor, ...]:
    raw = json.loads(resources.files("auditor.data").joinpath("chat_vendors.json").read_text("utf-8"))
    return tuple(
        Vendor(v["id"], v["name"], tuple(v["script_hosts"]), tuple(v["globals"]), tuple(v["selectors"]), v["retired"])
        for v in raw["vendors"]
    )


def find_in_html(soup: BeautifulSoup) -> list[FoundWidget]:
    """Vendors whose embed code is in the HTML as served (before any script runs)."""
    found: list[FoundWidget] = []
    scripts = soup.find_all("script")
    sources = [str(s.get("src") or "") for s in scripts]
    inline = "\n".join(s.get_text() for s in scripts if not s.get("src"))
    for vendor in vendors():
        evidence = [
            f"script:{host}" for host in vendor.script_hosts if any(host in src for src in sources) or host in inline
        ]
        evidence += [
            f"snippet:{name}"
            for name in vendor.globals
            if f"window.{name}" in inline or f"{name}=" in inline.replace(" ", "")
        ]
        if evidence:
            found.append(FoundWidget(vendor.id, evidence, vendor.retired))
    return found


# Runs inside the rendered page: which vendors left their globals and DOM, and
# where the launcher sits on screen.
PROBE_SCRIPT = """
(vendors) => {
  const vw = window.innerWidth, vh = window.innerHeight;
  const visibleBox = (el) => {
    const r = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    if (r.width > 0 && r.height > 0 && style.visibility !== 'hidden' && style.display !== 'none') return el;
    for (const child of el.querySelectorAll('*')) {
      const c = child.getBoundingClientRect();
      const s = getComputedStyle(child);
      if (c.width > 0 && c.height > 0 && s.visibility !== 'hidden' && s.display !== 'none') return child;
    }
    return null;
  };
  const out = [];
  for (const v of vendors) {
    const evidence = [];
    for (const g of v.globals) { if (typeof window[g] !== 'undefined') evidence.push('global:' + g); }
    let launcher = null;
    for (const sel of v.selectors) {
      let el = null;
      try { el = document.querySelector(sel); } catch (e) { el = null; }
      if (el) { evidence.push('dom:' + sel); launcher = launcher || visibleBox(el); }
    }
    for (const s of document.querySelectorAll('script[src]')) {
      for (const h of v.script_hosts) { if (s.src.includes(h)) evidence.push('script:' + h); }
    }
    if (!evidence.length) continue;
    let box = null;
    if (launcher) {
      const r = launcher.getBoundingClientRect();
      const cx = r.left + r.width / 2, cy = r.top + r.height / 2;
      const hit = document.elementFromPoint(Math.min(Math.max(cx, 0), vw - 1), Math.min(Math.max(cy, 0), vh - 1));
      const covered = hit && !launcher.contains(hit) && !hit.contains(launcher);
      box = {
        corner: (cy < vh / 2 ? 'top' : 'bottom') + '-' + (cx < vw / 2 ? 'left' : 'right'),
        x: r.left, y: r.top, width: r.width, height: r.height,
        visible: r.bottom > 0 && r.right > 0 && r.top < vh && r.left < vw,
        overlaps: covered ? [hit.tagName.toLowerCase() + (hit.id ? '#' + hit.id : '')] : [],
      };
    }
    out.push({vendor: v.id, evidence: [...new Set(evidence)], retired: v.retired, box});
  }
  return out;
}
"""


def probe_argument() -> list[dict[str, Any]]:
    return [
        {
            "id": v.id,
            "globals": list(v.globals),
            "selectors": list(v.selectors),
            "script_hosts": list(v.script_hosts),
            "retired": v.retired,
        }
        for v in vendors()
    ]


def from_probe(result: list[dict[str, Any]]) -> list[FoundWidget]:
    return [FoundWidget(r["vendor"], list(r["evidence"]), bool(r["retired"]), r.get("box")) for r in result or []]
