"""The in-page probe: what it is given, and how its answer becomes FoundWidgets."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from auditor.gather.extract.chat.html import FoundWidget
from auditor.gather.extract.chat.vendors import url_matches, vendor_by_id, vendors


def _load_probe() -> str:
    text = resources.files("auditor.gather.extract.chat").joinpath("probe.js").read_text("utf-8")
    # Playwright takes the text as a function expression: the leading comment goes.
    lines = text.splitlines()
    while lines and lines[0].startswith("//"):
        lines.pop(0)
    return "\n".join(lines)


PROBE_SCRIPT = _load_probe()


def probe_argument() -> dict[str, Any]:
    return {"vendors": [v.probe_argument() for v in vendors()]}


@cache
def probe_call() -> str:
    """The probe with its argument written in: Playwright sends one string, not a large
    object it would check field by field on every call."""
    return f"() => ({PROBE_SCRIPT})({json.dumps(probe_argument())})"


def request_evidence(urls: list[str]) -> dict[str, list[str]]:
    """Vendor id -> `request:SIGNAL` for every vendor whose code the page fetched."""
    found: dict[str, list[str]] = {}
    for vendor in vendors():
        hits = [s for s in vendor.url_signals if any(url_matches(s, url) for url in urls)]
        if hits:
            found[vendor.id] = [f"request:{s}" for s in hits]
    return found


def failed_vendor_requests(failures: list[str]) -> dict[str, list[str]]:
    """Vendor id -> the failures ("URL (reason)") of requests for its code."""
    found: dict[str, list[str]] = {}
    for failure in failures:
        url = failure.split(" ", 1)[0]
        for vendor in vendors():
            if any(url_matches(s, url) for s in vendor.url_signals):
                found.setdefault(vendor.id, []).append(failure)
    return found


def from_probe(
    result: list[dict[str, Any]], requests: list[str] | None = None, failures: list[str] | None = None
) -> list[FoundWidget]:
    """The probe's answer plus what the network showed: a loader that fetched a
    vendor's script is evidence even when the widget never drew anything."""
    by_vendor = {
        r["vendor"]: FoundWidget(
            r["vendor"], list(r["evidence"]), bool(r["retired"]), r.get("box"), int(r.get("instances") or 1)
        )
        for r in result or []
    }
    for vendor_id, evidence in request_evidence(requests or []).items():
        widget = by_vendor.get(vendor_id)
        if widget is None:
            vendor = vendor_by_id(vendor_id)
            widget = by_vendor[vendor_id] = FoundWidget(vendor_id, retired=bool(vendor and vendor.retired))
        widget.evidence = list(dict.fromkeys([*widget.evidence, *evidence]))
    for vendor_id, failed in failed_vendor_requests(failures or []).items():
        if vendor_id in by_vendor:
            by_vendor[vendor_id].failed_requests = failed
    return list(by_vendor.values())
