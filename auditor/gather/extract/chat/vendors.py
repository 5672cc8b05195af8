"""The chat vendor fingerprints (auditor/data/chat_vendors.json) and how a signal matches."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any
from urllib.parse import urlsplit

DATA_FILE = "chat_vendors.json"


@dataclass(frozen=True)
class Vendor:
    id: str
    name: str
    script_hosts: tuple[str, ...]
    request_hosts: tuple[str, ...] = ()
    globals: tuple[str, ...] = ()
    weak_globals: tuple[str, ...] = ()
    selectors: tuple[str, ...] = ()
    launchers: tuple[str, ...] = ()
    floating_links: tuple[str, ...] = ()
    open: str | None = None
    retired: bool = False

    @property
    def url_signals(self) -> tuple[str, ...]:
        """Signals that may show up in the URL of anything the page loads."""
        return self.script_hosts + self.request_hosts

    def probe_argument(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "globals": list(self.globals),
            "weak_globals": list(self.weak_globals),
            "selectors": list(self.selectors),
            "launchers": list(self.launchers),
            "floating_links": list(self.floating_links),
            "script_hosts": list(self.script_hosts),
            "retired": self.retired,
        }


def load_data() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(resources.files("auditor.data").joinpath(DATA_FILE).read_text("utf-8"))
    return data


@lru_cache(maxsize=1)
def vendors() -> tuple[Vendor, ...]:
    return tuple(
        Vendor(
            id=v["id"],
            name=v["name"],
            script_hosts=tuple(v["script_hosts"]),
            request_hosts=tuple(v["request_hosts"]),
            globals=tuple(v["globals"]),
            weak_globals=tuple(v["weak_globals"]),
            selectors=tuple(v["selectors"]),
            launchers=tuple(v["launchers"]),
            floating_links=tuple(v["floating_links"]),
            open=v["open"],
            retired=v["retired"],
        )
        for v in load_data()["vendors"]
    )


def vendor_by_id(vendor_id: str) -> Vendor | None:
    return next((v for v in vendors() if v.id == vendor_id), None)


@lru_cache(maxsize=512)
def signal_pattern(signal: str) -> re.Pattern[str]:
    # A host must start at a label boundary ("intercom.io" is not "notintercom.io")
    # and, when it is a bare host, end at one; a path signal may run on
    # ("my.site.com/ESW" precedes the deployment's name).
    head = r"(?<![A-Za-z0-9])" if signal[:1].isalnum() else ""
    tail = r"(?![A-Za-z0-9])" if "/" not in signal and signal[-1:].isalnum() else ""
    return re.compile(head + re.escape(signal) + tail)


def signal_in(signal: str, text: str) -> bool:
    return signal_pattern(signal).search(text) is not None


def url_matches(signal: str, url: str) -> bool:
    """Whether a URL's host and path carry the signal; query strings are ignored, since
    they often name other sites (`?utm_source=intercom`)."""
    parts = urlsplit(url if "//" in url else f"//{url}")
    return signal_in(signal, f"{parts.netloc}{parts.path}")
