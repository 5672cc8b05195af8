"""What every view of the results shares: one Jinja environment, the checks grouped as the
reports show them, and the small helpers that turn results into words (times, URLs, bands).

Each writer (HTML, Markdown, CSV, JUnit, PDF, the portfolio page) builds on this module,
never on another writer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from auditor.names import display_name
from auditor.results import PASSING, SCORED_MODES, CategoryResult, Channels, CheckResult, band
from reports.i18n import Catalogue, catalogue

FIX_FIRST = 3  # findings a report names first: enough to start with, few enough to be read


def environment(*, autoescape: bool, **options: Any) -> Environment:
    """The reports' Jinja environment: our templates, strict about missing names, quiet white space."""
    env = Environment(
        loader=PackageLoader("reports", "templates"),
        autoescape=autoescape,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        **options,
    )
    env.tests["web_url"] = is_web_url
    env.filters["short_url"] = short_url
    env.filters["when"] = when
    env.filters["display_name"] = display_name
    return env


@dataclass(frozen=True)
class CheckSections:
    """The checks grouped as the report shows them, most urgent first."""

    findings: list[CheckResult]
    errored: list[CheckResult]
    passed: list[CheckResult]
    other: list[CheckResult]


def category_titles(categories: list[CategoryResult], t: Catalogue) -> dict[str, str]:
    """Category names in the report's language; English keeps the titles the scoring wrote."""
    if t.lang == "en":
        return {c.id: c.title for c in categories}
    return {c.id: t.texts.get(f"category_{c.id}", c.title) for c in categories}


def check_sections(checks: list[CheckResult]) -> CheckSections:
    """Failing scored checks by what fixing them gains, then errors, passes, and the
    unscored rest (not applicable, informative)."""
    scored = [c for c in checks if _is_scored(c)]
    findings = sorted((c for c in scored if _score(c) < PASSING), key=urgency, reverse=True)
    return CheckSections(
        findings=findings,
        errored=[c for c in checks if c.mode == "error"],
        passed=[c for c in scored if _score(c) >= PASSING],
        other=[c for c in checks if c.mode != "error" and not _is_scored(c)],
    )


def _is_scored(check: CheckResult) -> bool:
    return check.mode in SCORED_MODES and check.score is not None


def urgency(check: CheckResult) -> tuple[bool, float, float]:
    """Gain in the overall score first; results judged before gains existed fall back to impact."""
    return (check.gain is not None, check.gain or 0.0, impact(check))


def impact(check: CheckResult) -> float:
    """How many weighted points the check costs its category."""
    return check.weight * (1 - _score(check))


def _score(check: CheckResult) -> float:
    return 1.0 if check.score is None else check.score


_SCREENSHOT = re.compile(r"screenshots/[A-Za-z0-9][A-Za-z0-9._-]*\.png")


def is_screenshot_path(value: object) -> bool:
    """Only the run's own screenshots become images: a plain relative path inside the
    run directory, where the report lives, never a URL or a path out of it."""
    return isinstance(value, str) and _SCREENSHOT.fullmatch(value) is not None and ".." not in value


def page_screenshots(channels: Channels) -> dict[str, list[tuple[str, str]]]:
    """Each page's screenshots as `(viewport, path)`, desktop first: the chat placement
    boxes carry them, and evidence about the same page can show them too."""
    shots: dict[str, list[tuple[str, str]]] = {}
    for viewport in ("desktop", "mobile"):
        for widget in channels.chat_widgets:
            box = getattr(widget.placement, viewport)
            if box is not None and box.page and box.screenshot:
                found = shots.setdefault(box.page, [])
                if (viewport, box.screenshot) not in found:
                    found.append((viewport, box.screenshot))
    return shots


def is_web_url(value: object) -> bool:
    """Only these may become links: no javascript:, data: or relative surprises."""
    return isinstance(value, str) and value.lower().startswith(("http://", "https://"))


def breakable(text: str) -> Markup:
    """Escaped text that wraps only after a slash, `@`, `?`, `&` or `=`, so that a long URL
    or address breaks between its parts, never inside a host or a name (`127.0.0.1:4258` / `9`,
    `nimbus-` / `bikes`); a part too long for any column is left free to break anywhere."""
    pieces = _BREAK_AFTER.split(str(text))
    return Markup("<wbr>").join(
        Markup('<span class="nobr">{}</span>').format(piece) if len(piece) <= _WHOLE_PART else escape(piece)
        for piece in pieces
    )


_BREAK_AFTER = re.compile(r"(?<=[/@?&=])(?![/@?&=])(?=.)")
_WHOLE_PART = 24  # characters: longer parts of a URL may be cut anywhere rather than overflow


def short_url(url: str) -> str:
    """A URL as a reader scans it: `example.com/contact/` without the scheme."""
    if not is_web_url(url):
        return url
    parts = urlsplit(url)
    rest = parts.path + (f"?{parts.query}" if parts.query else "")
    return parts.netloc + (rest if rest != "/" else "")


def when(timestamp: str | None, t: Catalogue | None = None) -> str:
    """`2025-03-04T09:15:00+00:00` -> `4 March 2025, 09:15 UTC`; other text is shown as it is."""
    if not timestamp:
        return "–"
    try:
        moment = datetime.fromisoformat(timestamp)
    except ValueError:
        return timestamp
    zone = moment.tzname() or ""
    month = (t or catalogue()).months[moment.month - 1]  # not %B: that follows the machine's locale
    return f"{moment.day} {month} {moment:%Y, %H:%M} {zone}".strip()


def duration(started: str, finished: str | None, t: Catalogue | None = None) -> str:
    """How long the crawl took, `1 min 12 s`; empty when unknown."""
    t = t or catalogue()
    try:
        seconds = (datetime.fromisoformat(finished or "") - datetime.fromisoformat(started)).total_seconds()
    except (TypeError, ValueError):
        return ""
    if seconds < 0:
        return ""
    minutes, rest = divmod(round(seconds), 60)
    return t("duration_min_s", minutes=minutes, seconds=rest) if minutes else t("duration_s", seconds=rest)


def check_band(check: CheckResult) -> str:
    return band(None if check.score is None else check.score * 100)


# Opening hours as a reader wants them: the days and times, without the sentence around them
# ("Reach us ... Opening hours Monday – Friday 09:00 – 18:00 ... Visit the shop").
_DAYS = (
    "mon monday tue tues tuesday wed weds wednesday thu thur thurs thursday fri friday sat saturday sun sunday "
    "mo tu we th fr sa su daily weekdays weekends holidays "
    "montag dienstag mittwoch donnerstag freitag samstag sonnabend sonntag di mi do so feiertage täglich "
    "lundi mardi mercredi jeudi vendredi samedi dimanche lun mar mer jeu ven sam dim "
    "lunes martes miércoles jueves viernes sábado domingo "
    "सोमवार मंगलवार बुधवार गुरुवार शुक्रवार शनिवार रविवार closed geschlossen fermé cerrado बंद"
)
_TIME = r"\d{1,2}(?:[:.]\d{2})?(?:am|pm|h|uhr)?|24/7|noon|midnight|am|pm|a\.m\.|p\.m\.|uhr|to|and|bis|und|à|y|से|तक"
_PART = rf"(?:{'|'.join(sorted(_DAYS.split(), key=len, reverse=True))}|{_TIME})"
_HOURS_TOKEN = re.compile(rf"[(\[]?{_PART}(?:[-–—/,&|.]+{_PART})*[-–—/,&|:;.)\]]*|[-–—&|]", re.IGNORECASE)
_A_TIME = re.compile(r"\d{1,2}\s?(?:[:.]\d{2}|am\b|pm\b|a\.m\.|p\.m\.|h\b|uhr\b)|24/7", re.IGNORECASE)
_LOOSE_ENDS = re.compile(r"^(?:[-–—&|,;:.]|to|and|bis|und|à|y|से|तक|\d{1,2})$", re.IGNORECASE)


def hours_only(text: str) -> str:
    """`Reach us ... Opening hours Mon – Fri 09:00 – 18:00 Sunday Closed Visit us` ->
    `Mon – Fri 09:00 – 18:00 Sunday Closed`; the text as it is when no times are found in it."""
    runs: list[list[str]] = [[]]
    for token in text.split():
        if _HOURS_TOKEN.fullmatch(token):
            runs[-1].append(token)
        elif runs[-1]:
            runs.append([])
    kept = []
    for run in runs:
        while run and _LOOSE_ENDS.match(run[0]) and not (len(run) > 1 and _A_TIME.match(" ".join(run[:2]))):
            run.pop(0)
        while run and _LOOSE_ENDS.match(run[-1].rstrip(",;:.")):
            run.pop()
        words = re.sub(r"(?<![ap]\.m)\.$", "", " ".join(run).rstrip(",;:"))
        if _A_TIME.search(words):
            kept.append(words)
    return " · ".join(kept) or text
