"""A run reduced to what can be compared with another run: scores, findings, channels.

Findings and channels carry keys that stay the same from run to run, so that a fixed
problem and a new one never cancel out the way counts do. Keys never contain the
scheme or host of a page: a preview deployment on another host still matches the
baseline of production. The same snapshot is built from a results.json, a report.json
or a stored run, so every comparison uses exactly the same keys.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from auditor.names import display_name
from auditor.results import PASSING, SCORED_MODES, AuditResults, CheckResult

MAX_KEY = 900


@dataclass(frozen=True)
class CheckState:
    id: str
    title: str
    category: str
    score: float | None
    mode: str
    weight: float = 1.0
    display_value: str = ""

    @property
    def failing(self) -> bool:
        return self.mode in SCORED_MODES and self.score is not None and self.score < PASSING


@dataclass(frozen=True)
class Finding:
    """A failing check as a whole (`key` "") or one row of its evidence."""

    check_id: str
    key: str
    title: str
    score: float | None = None
    url: str = ""
    detail: str = ""

    @property
    def match(self) -> tuple[str, str]:
        return (self.check_id, self.key)


@dataclass(frozen=True)
class Channel:
    kind: str
    key: str
    value: str  # how it reads: an address, a number, a path
    noun: str  # what it is, in words: "support email", "WhatsApp link"


@dataclass
class Snapshot:
    label: str
    site_key: str
    url: str
    finished_at: str | None
    score: int | None
    categories: dict[str, int | None] = field(default_factory=dict)
    category_titles: dict[str, str] = field(default_factory=dict)
    checks: dict[str, CheckState] = field(default_factory=dict)
    findings: dict[tuple[str, str], Finding] = field(default_factory=dict)
    channels: dict[str, Channel] = field(default_factory=dict)
    # The run stopped before it saw the whole site (a page or time budget, a fatal error).
    partial: bool = False
    # The crawl settings it ran with, where known (a stored run keeps only `partial`).
    crawl: dict[str, object] = field(default_factory=dict)


COMPARED_SETTINGS = ("render", "max_pages", "max_depth")


def site_key(url: str) -> str:
    """`https://www.Example.com/shop/` -> `example.com/shop`: the same site over http or https."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower().rstrip(".")
    host = host.removeprefix("www.")
    if parts.port and parts.port not in (80, 443):
        host = f"{host}:{parts.port}"
    path = re.sub(r"/(index\.html?)?$", "", parts.path or "")
    return (host + path)[:MAX_KEY]


def page_key(url: str) -> str:
    """A page as a host-free key: `/contact/?lang=de`."""
    if not url:
        return ""
    parts = urlsplit(url)
    if not parts.scheme:
        return url
    return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")


def fingerprint(site: str, check_id: str, key: str) -> str:
    """A finding's stable identity: site + check + evidence key, hashed to a fixed length."""
    return hashlib.sha256(f"{site}\x00{check_id}\x00{key}".encode()).hexdigest()[:32]


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


def _short(key: str) -> str:
    if len(key) <= MAX_KEY:
        return key
    return key[: MAX_KEY - 33] + "#" + hashlib.sha256(key.encode()).hexdigest()[:32]


def check_findings(check: CheckResult) -> list[Finding]:
    """The findings of one check: nothing when it passes or was not scored."""
    state = CheckState(check.id, check.title, check.category, check.score, check.mode)
    if not state.failing:
        return []
    found = [Finding(check.id, "", check.title, check.score, detail=check.display_value)]
    seen: dict[str, int] = {}
    for row in check.evidence:
        # A row on a page is that page (+ where on it); a row with no page is what it says.
        if row.url:
            base = f"{page_key(row.url)}|{_squash(row.selector)}"
        else:
            base = f"|{_squash(row.selector)}|{_squash(row.snippet)}"
        seen[base] = seen.get(base, 0) + 1
        key = _short(base if seen[base] == 1 else f"{base}#{seen[base]}")
        found.append(Finding(check.id, key, check.title, check.score, url=row.url, detail=row.snippet or row.selector))
    return found


def channels_of(results: AuditResults) -> list[Channel]:
    """Every channel of a run under its stable key, in the order the report lists them."""
    c = results.channels
    found: list[Channel] = []
    for email in c.emails:
        noun = f"{email.label.lower()} email" if email.label and len(email.label) <= 40 else "email address"
        found.append(Channel("email", f"email:{email.address.lower()}", email.address, noun))
    for phone in c.phones:
        number = phone.e164 or re.sub(r"\D", "", phone.raw)
        found.append(Channel("phone", f"phone:{number}", phone.raw, "phone number"))
    for page in c.contact_pages:
        found.append(Channel("contact_page", f"contact_page:{page_key(page.url)}", page_key(page.url), "contact page"))
    for form in c.forms:
        key = f"form:{page_key(form.page)}>{page_key(form.action)}"
        found.append(Channel("form", key, f"on {page_key(form.page)}", "contact form"))
    for widget in c.chat_widgets:
        noun = f"{display_name(widget.vendor)} chat widget"
        found.append(Channel("chat", f"chat:{widget.vendor.lower()}", "", noun))
    for profile in c.social:
        who = profile.handle.lower() or page_key(profile.url).lower()
        noun = f"{display_name(profile.network)} profile"
        found.append(Channel("social", f"social:{profile.network}:{who}", profile.handle or profile.url, noun))
    for messenger in c.messengers:
        target = (messenger.target or messenger.url).lower()
        noun = f"{display_name(messenger.network)} link"
        found.append(Channel("messenger", f"messenger:{messenger.network}:{target}", messenger.target, noun))
    for address in c.addresses:
        found.append(Channel("address", f"address:{_squash(address.text)}", address.text, "postal address"))
    unique: dict[str, Channel] = {}
    for channel in found:
        unique.setdefault(_short(channel.key), Channel(channel.kind, _short(channel.key), channel.value, channel.noun))
    return list(unique.values())


def snapshot_of(results: AuditResults, label: str) -> Snapshot:
    snap = Snapshot(
        label=label,
        site_key=site_key(results.site.url),
        url=results.site.url,
        finished_at=results.site.finished_at or results.site.started_at,
        score=results.score,
        categories={c.id: c.score for c in results.categories},
        category_titles={c.id: c.title for c in results.categories},
        partial=results.site.partial,
        crawl={k: v for k, v in (results.settings.get("crawl") or {}).items() if k in COMPARED_SETTINGS},
    )
    for check in results.checks:
        snap.checks[check.id] = CheckState(
            check.id, check.title, check.category, check.score, check.mode, check.weight, check.display_value
        )
        for finding in check_findings(check):
            snap.findings.setdefault(finding.match, finding)
    snap.channels = {channel.key: channel for channel in channels_of(results)}
    return snap
